using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using FailoverGen.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FailoverGen.Generator.Tests;

/// <summary>
/// The generator and the analyzers share their rules (src/Shared): an interface gets no wrapper exactly when an
/// analyzer says why, and a member the wrapper forwards to the primary is exactly one FG0005 names (or one the user
/// marked [NoFailover], or GetService).
/// </summary>
public sealed class GeneratorAnalyzerAgreementTests
{
    private static readonly string[] Unwrappable =
    {
        "[FallbackChain] public interface IA { static abstract IA Create(); Task<string> GetAsync(); }",
        "public class Outer { [FallbackChain] private interface IA { Task<string> GetAsync(); } }",
        "[FallbackChain] file interface IA { Task<string> GetAsync(); }",
    };

    public static TheoryData<string> Sources()
    {
        var data = new TheoryData<string>();
        foreach (object?[] row in FailureClassTests.Cases())
        {
            data.Add((string)row[1]!);
        }

        foreach (string source in Unwrappable)
        {
            data.Add(source);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task GeneratorAndAnalyzers_AgreeOnWhatIsWrappedAndWhatGoesToThePrimary(string source)
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(new[] { FailureClassTests.Usings + source })
            .WithOptions(GeneratorHarness.CreateCompilation(new[] { string.Empty }).Options.WithAllowUnsafe(true));
        GeneratorRunResult result = GeneratorHarness.CreateDriver(compilation).RunGenerators(compilation).GetRunResult().Results.Single();
        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new FallbackChainInterfaceAnalyzer()))
            .GetAnalyzerDiagnosticsAsync();

        bool explained = diagnostics.Any(d => d.Id is DiagnosticIds.StaticAbstractMembers or DiagnosticIds.UnreachableInterface or DiagnosticIds.PointerMembersNeedUnsafe);
        Assert.Equal(result.GeneratedSources.IsEmpty, explained);

        string[] lines = string.Concat(result.GeneratedSources.Select(s => s.SourceText.ToString())).Split('\n');
        var reported = new HashSet<string>(diagnostics.Where(d => d.Id == DiagnosticIds.PrimaryOnlyMember).Select(d => d.GetMessage().Split('\'')[1]));
        var forwarded = new HashSet<string>(lines
            .Select(line => System.Text.RegularExpressions.Regex.Match(line, @"\.Primary\)?(?:\.(?<name>@?\w+)|(?<name>\[))"))
            .Where(match => match.Success)
            .Select(match => match.Groups["name"].Value == "[" ? "this[]" : match.Groups["name"].Value.TrimStart('@')));
        forwarded.Remove("GetService");
        Assert.Equal(reported.OrderBy(n => n), forwarded.OrderBy(n => n));
    }
}
