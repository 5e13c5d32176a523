using System.Linq;
using Microsoft.CodeAnalysis;

namespace FailoverGen.Generator.Tests;

/// <summary>Names that once collided in hint names or in the generated class.</summary>
public class NameCollisionTests
{
    [Fact]
    public void NestedInterface_AndATopLevelOneWithAnUnderscore_GetDistinctHintNames()
    {
        const string source = """
            using FailoverGen;
            namespace N
            {
                public class Outer { [FallbackChain("NestedFailover")] public interface IFoo { string Call(); } }
                [FallbackChain("FlatFailover")] public interface Outer_IFoo { string Call(); }
            }
            """;

        var (result, diagnostics, _) = GeneratorHarness.Run(source);

        Assert.Null(result.Exception);
        Assert.Equal(2, result.GeneratedSources.Length);
        Assert.Empty(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
    }

    [Fact]
    public void MemberNamedLikeTheGeneratedClass_IsImplementedExplicitly()
    {
        var (result, diagnostics, _) = GeneratorHarness.Run(
            "using FailoverGen; [FallbackChain] public interface IChat { string ChatFailover(); string Other(); }");

        Assert.Contains("string global::IChat.ChatFailover()", result.GeneratedSources.Single().SourceText.ToString());
        Assert.Empty(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
    }

    [Theory]
    [InlineData("class")]
    [InlineData("record")]
    public void KeywordClassName_FallsBackToTheDefaultName(string name)
    {
        var (result, diagnostics, _) = GeneratorHarness.Run(
            "using FailoverGen; [FallbackChain(\"" + name + "\")] public interface IChat { string Call(); }");

        Assert.Contains("class ChatFailover ", result.GeneratedSources.Single().SourceText.ToString());
        Assert.Empty(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
    }
}
