using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace FailoverGen.Analyzers.Tests;

/// <summary>FG0013: a [FailoverOn] set that leaves out network failures, timeouts or server errors.</summary>
public class OutagePolicyAnalyzerTests
{
    [Fact]
    public async Task RateLimitsOnly_LeaveOutEveryOutage()
    {
        const string source = """
            using FailoverGen;

            [FallbackChain]
            [{|#0:FailoverOn(429, FailoverReason.Quota)|}]
            [FailoverOn(FailoverReason.Billing)]
            public interface IChatProvider { string Complete(string prompt); }
            """;

        await Verify.AnalyzerAsync<OutagePolicyAnalyzer>(
            source,
            Outage(0, "IChatProvider", "FailoverReason.Network, FailoverReason.Timeout, FailoverReason.ServerError"));
    }

    [Fact]
    public async Task AnyFiveHundredStatus_CountsAsServerErrors()
    {
        const string source = """
            using FailoverGen;

            [FallbackChain]
            [FailoverOn(429, 503)]
            [FailoverOn(FailoverReason.Network, FailoverReason.Timeout)]
            public interface IChatProvider { string Complete(string prompt); }
            """;

        await Verify.AnalyzerAsync<OutagePolicyAnalyzer>(source);
    }

    [Fact]
    public async Task MethodSet_IsJudgedOnItsOwn_BecauseItReplacesTheInterfaces()
    {
        const string source = """
            using FailoverGen;

            [FallbackChain]
            [FailoverOn(FailoverReason.Network, FailoverReason.Timeout, FailoverReason.ServerError)]
            public interface IChatProvider
            {
                string Complete(string prompt);

                [{|#0:FailoverOn(429, 500)|}]
                [FailoverOn(FailoverReason.Network)]
                float[] Embed(string text);
            }
            """;

        await Verify.AnalyzerAsync<OutagePolicyAnalyzer>(source, Outage(0, "Embed", "FailoverReason.Timeout"));
    }

    [Fact]
    public async Task NoSetOrUnknownListed_IsNotReported()
    {
        const string source = """
            using FailoverGen;

            [FallbackChain]
            public interface IChatProvider { string Complete(string prompt); }

            [FallbackChain]
            [FailoverOn(429, FailoverReason.Unknown)]
            public interface IEmbedder { float[] Embed(string text); }
            """;

        await Verify.AnalyzerAsync<OutagePolicyAnalyzer>(source);
    }

    private static DiagnosticResult Outage(int markup, string target, string missing) =>
        Verify.Diagnostic(DiagnosticIds.OutageNotFailedOver, DiagnosticSeverity.Info, markup).WithArguments(target, missing);
}
