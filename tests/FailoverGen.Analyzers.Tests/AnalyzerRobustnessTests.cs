using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FailoverGen.Analyzers.Tests;

/// <summary>Every analyzer over real and half-typed code: an analyzer exception (AD0001) would break users' builds.</summary>
public class AnalyzerRobustnessTests
{
    [Fact]
    public async Task TheProjectsOwnSourcesAndSamples_AreAnalyzedWithoutAnAnalyzerException()
    {
        string root = RepositoryRoot();
        string[] files = new[] { "src", "samples", "tests" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && !path.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .ToArray();

        (ImmutableArray<Diagnostic> diagnostics, Exception[] exceptions) = await AnalyzeAsync(files.Select(File.ReadAllText).ToArray());

        Assert.True(files.Length > 100, $"only {files.Length} files were found under {root}");
        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
    }

    [Theory]
    [InlineData("catch (")]
    [InlineData("catch (HttpRequestException ex) when ( { return null; }")]
    [InlineData("catch (MissingException) { return null; }")]
    [InlineData("catch (HttpRequestException) return null;")]
    [InlineData("catch { return")]
    [InlineData("catch (Exception ex) { throw new Missing(\"x\", ex); }")]
    [InlineData("catch (Exception) { throw new(); }")]
    public async Task HalfTypedCatchClauses_NeverMakeAnAnalyzerThrow(string catchClause)
    {
        string source = """
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using FailoverGen;
            [FallbackChain] [FailoverOn(429, )] [FailoverClassifier(typeof(Missing))] [FallbackChain(null)]
            public interface IChat { Task<string?> AskAsync(string prompt); [NoFailover] }
            public sealed class Chat : IChat
            {
                public async Task<string?> AskAsync(string prompt)
                {
                    for (;;)
                    {
                        try { return await new HttpClient().GetStringAsync(prompt); }
            """ + catchClause + "\n}}}";

        (_, Exception[] exceptions) = await AnalyzeAsync(source);

        Assert.Empty(exceptions);
    }

    private static Task<(ImmutableArray<Diagnostic> Diagnostics, Exception[] Exceptions)> AnalyzeAsync(params string[] sources) =>
        Verify.RunAsync(
            CSharpCompilation.Create(
                "Analyzed",
                sources.Select(source => CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))),
                Verify.References,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)),
            Verify.AllAnalyzers);

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FailoverGen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("FailoverGen.sln was not found above " + AppContext.BaseDirectory);
    }
}
