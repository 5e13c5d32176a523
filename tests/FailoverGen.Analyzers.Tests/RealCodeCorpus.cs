using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FailoverGen.Analyzers.Tests;

/// <summary>One catch clause of the corpus: what a reviewer judged it to be and what the analyzers reported.</summary>
internal sealed record JudgedCatch(string File, int Line, ImmutableHashSet<string> Judged, ImmutableHashSet<string> Reported, string Text);

/// <summary>
/// Real code from public repositories (RealCode/&lt;owner&gt;.&lt;repo&gt;/*.cs, each with its source URL and licence
/// in its header and SOURCES.md), compiled one file at a time against the libraries it was written for. The header's
/// <c>// Chain:</c> lines name the interfaces marked as fallback chains; every catch clause carries a reviewer's
/// <c>// judged:</c> comment listing the FG1xxx rules that should report it, or <c>none</c>.
/// </summary>
internal static class RealCodeCorpus
{
    public static readonly string[] ErrorHandlingRules = { DiagnosticIds.SwallowedFailover, DiagnosticIds.StatusLost, DiagnosticIds.SameProviderRetry };

    private static readonly Regex JudgedIds = new(@"//\s*judged:\s*(?<ids>(?:(?:FG\d{4}|none)\s*,?\s*)+)", RegexOptions.Compiled);

    private static readonly string[] LibraryPrefixes =
    {
        "Microsoft.Extensions.", "OpenAI", "System.ClientModel", "Azure.Core", "Microsoft.SemanticKernel.", "System.Memory.Data", "Microsoft.Bcl.", "FailoverGen.dll",
    };

    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(
        new SwallowedFailoverAnalyzer(), new StatusLostAnalyzer(), new SameProviderRetryAnalyzer());

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "RealCode");

    public static IEnumerable<string> Files() =>
        Directory.EnumerateFiles(Folder, "*.cs", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal);

    /// <summary>The framework, FailoverGen and the AI libraries the corpus uses (copied next to the tests by their package references).</summary>
    public static readonly IReadOnlyList<MetadataReference> References = Verify.References
        .Concat(Directory.EnumerateFiles(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "Microsoft.Win32.*.dll")
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)))
        .Concat(Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll")
            .Where(path => LibraryPrefixes.Any(prefix => Path.GetFileName(path).StartsWith(prefix, StringComparison.Ordinal)))
            .Where(path => Path.GetFileName(path) != "FailoverGen.dll")
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)))
        .ToList();

    public sealed record Result(ImmutableArray<JudgedCatch> Catches, ImmutableArray<Diagnostic> CompileErrors, ImmutableArray<Exception> AnalyzerExceptions, TimeSpan AnalyzerTime);

    /// <summary>
    /// <paramref name="text"/> as the first tree of a compilation against the corpus's libraries, and a second tree
    /// marking the interfaces its <c>// Chain:</c> lines name.
    /// </summary>
    public static CSharpCompilation Compile(string text, string path)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        SyntaxTree tree = CSharpSyntaxTree.ParseText(text, parse, path: path);

        // Marking an experimental interface (IHostedFileClient) as a chain is the user's choice, not a corpus error.
        string chains = "#pragma warning disable\n" + string.Concat(Regex.Matches(text, @"^// Chain: (?<type>.+)$", RegexOptions.Multiline)
            .Select(m => $"[assembly: FailoverGen.FallbackChainFor(typeof({m.Groups["type"].Value.Trim()}))]\n"));
        SyntaxTree marks = CSharpSyntaxTree.ParseText(chains, parse, path: "Chains.cs");
        return CSharpCompilation.Create(
            "Corpus",
            new[] { tree, marks },
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));
    }

    /// <summary>Compiles <paramref name="path"/> with its chains marked and runs the FG1xxx analyzers over it.</summary>
    public static async Task<Result> AnalyzeAsync(string path)
    {
        string text = File.ReadAllText(path);
        string relative = Path.GetRelativePath(Folder, path);
        CSharpCompilation compilation = Compile(text, relative);
        SyntaxTree tree = compilation.SyntaxTrees[0];

        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            (exception, _, _) => { lock (exceptions) { exceptions.Add(exception); } },
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: true);
        CompilationWithAnalyzers analysis = compilation.WithAnalyzers(Analyzers, options);
        ImmutableArray<Diagnostic> diagnostics = await analysis.GetAnalyzerDiagnosticsAsync();
        TimeSpan time = TimeSpan.Zero;
        foreach (DiagnosticAnalyzer analyzer in Analyzers)
        {
            time += (await analysis.GetAnalyzerTelemetryInfoAsync(analyzer, default)).ExecutionTime;
        }

        ImmutableArray<Diagnostic> errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        SyntaxNode root = await tree.GetRootAsync();
        ImmutableArray<JudgedCatch> catches = root.DescendantNodes().OfType<CatchClauseSyntax>()
            .Select(clause => Judge(relative, text, clause, diagnostics))
            .ToImmutableArray();
        return new Result(catches, errors, exceptions.ToImmutableArray(), time);
    }

    private static JudgedCatch Judge(string file, string text, CatchClauseSyntax clause, ImmutableArray<Diagnostic> diagnostics)
    {
        FileLinePositionSpan position = clause.CatchKeyword.GetLocation().GetLineSpan();
        string line = clause.SyntaxTree.GetText().Lines[position.StartLinePosition.Line].ToString();
        Match judged = JudgedIds.Match(line);
        ImmutableHashSet<string> expected = judged.Success
            ? judged.Groups["ids"].Value.Split(new[] { ',', ' ' }, StringSplitOptions.RemoveEmptyEntries).Where(id => id.StartsWith("FG", StringComparison.Ordinal)).ToImmutableHashSet()
            : ImmutableHashSet.Create("unjudged");

        // A diagnostic belongs to the innermost catch clause around it (FG1002 points at the new exception inside the block).
        ImmutableHashSet<string> reported = diagnostics
            .Where(d => d.Location.SourceTree == clause.SyntaxTree && clause.Span.Contains(d.Location.SourceSpan)
                && Innermost(clause.SyntaxTree.GetRoot(), d.Location.SourceSpan) == clause)
            .Select(d => d.Id)
            .ToImmutableHashSet();
        return new JudgedCatch(file, position.StartLinePosition.Line + 1, expected, reported, line.Trim());
    }

    private static CatchClauseSyntax? Innermost(SyntaxNode root, Microsoft.CodeAnalysis.Text.TextSpan span) =>
        root.FindNode(span, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<CatchClauseSyntax>().FirstOrDefault();
}
