using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;

namespace FailoverGen.Analyzers.Tests;

public class FailoverOnStatusCodeAnalyzerTests
{
    [Fact]
    public async Task CodesOutsideTheHttpRange_AreReportedOnTheArgument()
    {
        const string source = """
            using FailoverGen;

            [FallbackChain]
            [FailoverOn({|#0:42|}, 429, {|#1:4290|})]
            [FailoverOn({|#2:-1|}, FailoverReason.Quota)]
            public interface IChatProvider
            {
                [FailoverOn({|#3:600|})]
                string Complete(string prompt);
            }
            """;

        await new AnalyzerTest<FailoverOnStatusCodeAnalyzer>(
            source,
            Expected(0, 42),
            Expected(1, 4290),
            Expected(2, -1),
            Expected(3, 600)).RunAsync();
    }

    [Fact]
    public async Task ValidCodesAndReasons_AreNotReported()
    {
        const string source = """
            using FailoverGen;

            [FallbackChain]
            [FailoverOn(100, 429, 503, 599)]
            [FailoverOn(FailoverReason.RateLimit, FailoverReason.Timeout)]
            public interface IChatProvider
            {
                string Complete(string prompt);
            }

            [System.Obsolete("unrelated attribute with an int-like argument", false)]
            public class Other { }
            """;

        await new AnalyzerTest<FailoverOnStatusCodeAnalyzer>(source).RunAsync();
    }

    [Fact]
    public async Task HalfTypedAttribute_DoesNotThrow()
    {
        const string source = """
            using FailoverGen;

            [FallbackChain]
            [FailoverOn({|#0:42|}
            public interface IChatProvider { }
            """;

        await new AnalyzerTest<FailoverOnStatusCodeAnalyzer>(
            source,
            Expected(0, 42),
            DiagnosticResult.CompilerError("CS1003").WithSpan(4, 15, 4, 15).WithArguments("]"),
            DiagnosticResult.CompilerError("CS1026").WithSpan(4, 15, 4, 15)).RunAsync();
    }

    private static DiagnosticResult Expected(int markup, int code) =>
        new DiagnosticResult(DiagnosticIds.InvalidStatusCode, Microsoft.CodeAnalysis.DiagnosticSeverity.Error).WithArguments(code).WithLocation(markup);
}
