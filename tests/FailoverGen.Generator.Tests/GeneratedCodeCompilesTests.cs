using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FailoverGen.Generator.Tests;

public class GeneratedCodeCompilesTests
{
    public static IEnumerable<object[]> LanguageMatrix()
    {
        foreach (LanguageVersion version in new[] { LanguageVersion.CSharp7_3, LanguageVersion.CSharp8, LanguageVersion.CSharp9, LanguageVersion.Latest })
        {
            foreach (NullableContextOptions nullable in new[] { NullableContextOptions.Disable, NullableContextOptions.Enable })
            {
                if (version == LanguageVersion.CSharp7_3 && nullable == NullableContextOptions.Enable)
                {
                    continue; // C# 7.3 has no nullable context to enable.
                }

                yield return new object[] { version, nullable };
            }
        }
    }

    [Theory]
    [MemberData(nameof(LanguageMatrix))]
    public void EveryMemberShape_CompilesWithoutDiagnostics(LanguageVersion version, NullableContextOptions nullable)
    {
        var (result, diagnostics, _) = GeneratorHarness.Run(TestSources.Shapes, version, nullable);

        Assert.Null(result.Exception);
        Assert.Equal(4, result.GeneratedSources.Length);
        AssertNoWarnings(diagnostics);
    }

    [Theory]
    [InlineData(NullableContextOptions.Enable)]
    [InlineData(NullableContextOptions.Disable)]
    public void NullableAnnotatedSignatures_CompileWithoutDiagnostics(NullableContextOptions nullable)
    {
        var (result, diagnostics, _) = GeneratorHarness.Run(TestSources.Annotated, LanguageVersion.Latest, nullable);

        Assert.Null(result.Exception);
        Assert.Single(result.GeneratedSources);
        AssertNoWarnings(diagnostics);
    }

    [Fact]
    public void ReferenceInterface_CompilesWithoutDiagnostics()
    {
        var (result, diagnostics, _) = GeneratorHarness.Run(TestSources.ChatProvider);

        Assert.Null(result.Exception);
        AssertNoWarnings(diagnostics);
    }

    private static void AssertNoWarnings(IEnumerable<Diagnostic> diagnostics)
    {
        string[] problems = diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).ToArray();
        Assert.True(problems.Length == 0, string.Join("\n", problems));
    }
}
