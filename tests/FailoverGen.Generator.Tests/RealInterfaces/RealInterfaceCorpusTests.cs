using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Abstractions;

namespace FailoverGen.Generator.Tests.RealInterfaces;

/// <summary>
/// Wraps every interface of the real-interface corpus in one compilation per language setting and requires the
/// generated code to compile with no warning or error: what users of those packages get.
/// </summary>
public sealed class RealInterfaceCorpusTests
{
    private const int MinimumInterfaces = 60;
    private const int MinimumPackages = 10;
    private readonly ITestOutputHelper _output;

    public RealInterfaceCorpusTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public static IEnumerable<object[]> Settings()
    {
        foreach (LanguageVersion version in new[] { LanguageVersion.CSharp8, LanguageVersion.Latest })
        {
            foreach (NullableContextOptions nullable in new[] { NullableContextOptions.Disable, NullableContextOptions.Enable })
            {
                yield return new object[] { version, nullable };
            }
        }
    }

    [Fact]
    public void Corpus_HasEnoughInterfacesFromEnoughPackages()
    {
        IReadOnlyList<string> operands = RealInterfaceCorpus.TypeOfOperands();
        _output.WriteLine($"{operands.Count} interfaces");

        Assert.True(operands.Count >= MinimumInterfaces, $"{operands.Count} interfaces");
        Assert.True(RealInterfaceCorpus.PackageAssemblies.Length >= MinimumPackages);
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void EveryRealInterface_IsWrappedIntoCodeThatCompilesWithoutWarnings(LanguageVersion version, NullableContextOptions nullable)
    {
        IReadOnlyList<string> operands = RealInterfaceCorpus.TypeOfOperands();
        string source = string.Join("\n", operands.Select((operand, i) =>
            $"[assembly: FailoverGen.FallbackChainFor(typeof({operand}), ClassName = \"Wrapper{i}\")]"));

        var (result, diagnostics, _) = GeneratorHarness.Run(source, version, nullable, RealInterfaceCorpus.References);

        Assert.Null(result.Exception);
        string[] problems = diagnostics
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath != "Source0.cs")
            .Select(d => $"{d.Location.SourceTree?.FilePath}: {d}")
            .ToArray();
        _output.WriteLine($"{operands.Count} interfaces, {result.GeneratedSources.Length} wrappers, {problems.Length} problems");
        Assert.True(problems.Length == 0, string.Join("\n", problems.Take(80)));
    }
}
