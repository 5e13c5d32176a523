using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using FailoverGen.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FailoverGen.Benchmarks;

/// <summary>
/// What the error-handling rules add to a build: 1,000 files of provider code (chain implementations, helpers they
/// call, retry loops, routers, parsing) compiled with all diagnostics, once with a rule that only looks at attributes
/// and once with FG1001–FG1003. The difference is the error-handling rules' cost per 1,000 files.
/// </summary>
[MemoryDiagnoser]
public class AnalyzerBenchmarks
{
    private const int Files = 1000;

    private static readonly ImmutableArray<DiagnosticAnalyzer> Rules = ImmutableArray.Create<DiagnosticAnalyzer>(
        new SwallowedFailoverAnalyzer(), new StatusLostAnalyzer(), new SameProviderRetryAnalyzer());

    private SyntaxTree[] _trees = Array.Empty<SyntaxTree>();
    private MetadataReference[] _references = Array.Empty<MetadataReference>();

    [GlobalSetup]
    public void Setup()
    {
        _references = Directory.EnumerateFiles(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "*.dll")
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) == "netstandard.dll")
            .Append(typeof(FallbackChainAttribute).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray();
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        _trees = Enumerable.Range(0, Files)
            .Select(i => CSharpSyntaxTree.ParseText(ProviderFile(i), options, path: $"Provider{i}.cs"))
            .Prepend(CSharpSyntaxTree.ParseText(Contract, options, path: "Contract.cs"))
            .ToArray();
    }

    /// <summary>The compiler and the analyzer driver with one analyzer that only looks at attributes ([NoFailover] placement).</summary>
    [Benchmark(Baseline = true)]
    public Task<int> CompileWithAttributeRuleOnly() => AnalyzeAsync(ImmutableArray.Create<DiagnosticAnalyzer>(new NoFailoverAnalyzer()));

    [Benchmark]
    public Task<int> CompileWithErrorHandlingRules() => AnalyzeAsync(Rules);

    private async Task<int> AnalyzeAsync(ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var analysis = Fresh().WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
        return (await analysis.GetAllDiagnosticsAsync()).Length;
    }

    private CSharpCompilation Fresh() =>
        CSharpCompilation.Create("Providers", _trees, _references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    private const string Contract = """
        using System.Threading;
        using System.Threading.Tasks;

        [FailoverGen.FallbackChain]
        public interface IChatProvider { Task<string?> CompleteAsync(string prompt, CancellationToken ct = default); }
        """;

    /// <summary>One of five shapes real provider code takes, in turn, so that every rule has work to do.</summary>
    private static string ProviderFile(int i) => $$"""
        using System;
        using System.Net.Http;
        using System.Text.Json;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Provider{{i}} : IChatProvider
        {
            private readonly HttpClient _http = new HttpClient();
            private readonly Core{{i}} _core = new Core{{i}}();

            public async Task<string?> CompleteAsync(string prompt, CancellationToken ct = default)
            {
                {{Body(i % 5)}}
            }

            private static string? Parse(string json)
            {
                try { return JsonSerializer.Deserialize<string>(json); }
                catch (JsonException) { return null; }
            }
        }

        internal sealed class Core{{i}}
        {
            private readonly HttpClient _http = new HttpClient();

            public async Task<string?> SendAsync(string prompt, CancellationToken ct)
            {
                try { return await _http.GetStringAsync("https://example.com/?q=" + prompt, ct); }
                catch (HttpRequestException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound) { return null; }
            }
        }
        """;

    private static string Body(int shape) => shape switch
    {
        0 => """
            try { return Parse(await _http.GetStringAsync("https://example.com/?q=" + prompt, ct)); }
            catch (HttpRequestException ex) { Console.WriteLine(ex.Message); return null; }
            """,
        1 => """
            for (int attempt = 0; attempt < 3; attempt++)
            {
                try { return await _http.GetStringAsync("https://example.com/", ct); }
                catch (HttpRequestException) { await Task.Delay(100, ct); }
            }
            return null;
            """,
        2 => """
            HttpClient[] clients = { _http, new HttpClient() };
            Exception? last = null;
            for (int i = 0; i < clients.Length; i++)
            {
                try { return await clients[i].GetStringAsync("https://example.com/", ct); }
                catch (HttpRequestException ex) { last = ex; }
            }
            throw new InvalidOperationException("all failed", last);
            """,
        3 => """
            try { return await _core.SendAsync(prompt, ct); }
            catch (Exception) { throw new InvalidOperationException("provider failed"); }
            """,
        _ => """
            try { return await _http.GetStringAsync("https://example.com/", ct); }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return null; }
            """,
    };
}
