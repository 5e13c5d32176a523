using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FailoverGen.Generator.Tests;

public class RobustnessTests
{
    [Theory]
    [InlineData("using FailoverGen; [FallbackChain] public interface IBroken { Task<Missing> CallAsync(Unknown value); }")]
    [InlineData("using FailoverGen; [FallbackChain] public interface IHalf { string Call(")]
    [InlineData("using FailoverGen; [FallbackChain] public interface INoBrace { string Call();")]
    [InlineData("using FailoverGen; [FallbackChain(42)] public interface IWrongArgument { string Call(); }")]
    [InlineData("using FailoverGen; [FallbackChain(\"not an identifier\")] public interface IBadName { string Call(); }")]
    [InlineData("using FailoverGen; [FallbackChain] [FailoverOn(\"x\", null)] public interface IBadFailoverOn { string Call(); }")]
    [InlineData("using FailoverGen; [FailoverOn(99999, (FailoverReason)999)] [FallbackChain] public interface IOutOfRange { string Call(); }")]
    [InlineData("using FailoverGen; [FallbackChain] public class NotAnInterface { }")]
    [InlineData("using FailoverGen; public class Outer { [FallbackChain] private interface IPrivate { string Call(); } }")]
    [InlineData("using FailoverGen; [FallbackChain] public interface IStaticAbstract { static abstract string Create(); }")]
    [InlineData("using FailoverGen; [FallbackChain] public interface IInit { string Name { get; init; } }")]
    [InlineData("using FailoverGen; [FallbackChain] public interface IEmpty { }")]
    [InlineData("using FailoverGen; [FallbackChain] public interface ISelf : ISelf { string Call(); }")]
    [InlineData("using FailoverGen; [FallbackChain] public partial interface IPartial { string A(); } public partial interface IPartial { string B(); }")]
    public void MalformedInput_GeneratorNeverThrows(string source)
    {
        var (result, _, _) = GeneratorHarness.Run(source);

        Assert.Null(result.Exception);
    }

    [Theory]
    [InlineData("using FailoverGen; [FallbackChain] public interface IBroken { System.Threading.Tasks.Task<Missing> CallAsync(); }")]
    [InlineData("using FailoverGen; public class Outer { [FallbackChain] private interface IPrivate { string Call(); } }")]
    [InlineData("using FailoverGen; [FallbackChain] public interface IStaticAbstract { static abstract string Create(); }")]
    public void InterfaceThatCannotBeImplemented_EmitsNothing(string source)
    {
        var (result, _, _) = GeneratorHarness.Run(source);

        Assert.Empty(result.GeneratedSources);
    }

    [Fact]
    public void OutOfRangeStatusCodes_AreLeftOutOfThePolicy()
    {
        var (result, diagnostics, _) = GeneratorHarness.Run(
            "using FailoverGen; [FallbackChain] [FailoverOn(42, 429, 1000)] public interface IClient { string Call(); }");

        string generated = result.GeneratedSources.Single().SourceText.ToString();
        Assert.Contains("new int[] { 429 }", generated);
        Assert.DoesNotContain(diagnostics, d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs") == true);
    }

    [Fact]
    public void ObliviousInterface_NullDefaultsCompileWithoutWarnings()
    {
        var (result, diagnostics, _) = GeneratorHarness.Run(
            "using FailoverGen; [FallbackChain] public interface IClient { string Call(string text = null, object state = null); }",
            LanguageVersion.Latest,
            NullableContextOptions.Disable);

        Assert.Contains("#nullable disable", result.GeneratedSources.Single().SourceText.ToString());
        Assert.Empty(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
    }
}
