using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace FailoverGen.Analyzers.Tests;

public class FailoverOnArgumentsAnalyzerTests
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

        await Verify.AnalyzerAsync<FailoverOnArgumentsAnalyzer>(source, Invalid(0, 42), Invalid(1, 4290), Invalid(2, -1), Invalid(3, 600));
    }

    [Fact]
    public async Task BadRequestStatuses_AreNotFallbackSafe()
    {
        const string source = """
            using FailoverGen;

            [FallbackChain]
            [FailoverOn(429, {|#0:400|}, {|#1:422|})]
            public interface IChatProvider { string Complete(string prompt); }
            """;

        await Verify.AnalyzerAsync<FailoverOnArgumentsAnalyzer>(
            source,
            Verify.Diagnostic(DiagnosticIds.NotFallbackSafeStatusCode, DiagnosticSeverity.Warning, 0).WithArguments(400),
            Verify.Diagnostic(DiagnosticIds.NotFallbackSafeStatusCode, DiagnosticSeverity.Warning, 1).WithArguments(422));
    }

    [Fact]
    public async Task ValuesListedTwiceOnOneTarget_AreDuplicates_ButAReasonIsNotAStatus()
    {
        const string source = """
            using FailoverGen;

            [FallbackChain]
            [FailoverOn(429, 503)]
            [FailoverOn(FailoverReason.Quota)]
            [FailoverOn({|#0:429|}, FailoverReason.RateLimit)]
            [FailoverOn({|#1:FailoverReason.Quota|})]
            public interface IChatProvider
            {
                [FailoverOn(429)]
                string Complete(string prompt);
            }
            """;

        await Verify.AnalyzerAsync<FailoverOnArgumentsAnalyzer>(
            source,
            Verify.Diagnostic(DiagnosticIds.DuplicateFailoverOn, DiagnosticSeverity.Warning, 0).WithArguments("429", "IChatProvider"),
            Verify.Diagnostic(DiagnosticIds.DuplicateFailoverOn, DiagnosticSeverity.Warning, 1).WithArguments("FailoverReason.Quota", "IChatProvider"));
    }

    [Fact]
    public async Task ValidCodesAndReasons_AreNotReported()
    {
        const string source = """
            using FailoverGen;

            [FallbackChain]
            [FailoverOn(100, 429, 503, 599)]
            [FailoverOn(FailoverReason.RateLimit, FailoverReason.Timeout, FailoverReason.ContextOverflow)]
            public interface IChatProvider
            {
                string Complete(string prompt);
            }

            [System.Obsolete("unrelated attribute", false)]
            public class Other { }
            """;

        await Verify.AnalyzerAsync<FailoverOnArgumentsAnalyzer>(source);
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

        await Verify.AnalyzerAsync<FailoverOnArgumentsAnalyzer>(
            source,
            Invalid(0, 42),
            DiagnosticResult.CompilerError("CS1003").WithSpan(4, 15, 4, 15).WithArguments("]"),
            DiagnosticResult.CompilerError("CS1026").WithSpan(4, 15, 4, 15));
    }

    private static DiagnosticResult Invalid(int markup, int code) =>
        Verify.Diagnostic(DiagnosticIds.InvalidStatusCode, DiagnosticSeverity.Error, markup).WithArguments(code);
}
