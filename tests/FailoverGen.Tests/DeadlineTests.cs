using System;
using System.Threading.Tasks;
using FailoverGen.Tests.Fakes;

namespace FailoverGen.Tests;

/// <summary>The whole-call deadline against the waits the chain may take: it never starts one it cannot finish.</summary>
public sealed class DeadlineTests
{
    private readonly TestClock _clock = new();

    [Fact]
    public async Task RetryAfterLongerThanTheTimeLeft_IsNotWaited_AndThe429IsWhatTheRecordSays()
    {
        var primary = new ScriptedProvider("only", _clock)
            .Throws(new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(3)));
        FallbackChain<IChatProvider> chain = TestChains.Build(
            _clock,
            o =>
            {
                o.MaxRetryAfterWait = TimeSpan.FromSeconds(5);
                o.TotalRequestTimeout = TimeSpan.FromSeconds(2);
            },
            primary);

        var exhausted = await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => chain.CompleteAsync());

        FailoverAttempt attempt = Assert.Single(exhausted.Attempts);
        Assert.Equal(FailoverReason.RateLimit, attempt.Reason);
        Assert.Equal(429, attempt.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), attempt.RetryAfter);
        Assert.Equal(1, attempt.Requests);
        Assert.Equal(TimeSpan.Zero, _clock.Elapsed);
        Assert.Single(primary.Calls);
    }

    [Fact]
    public async Task RetryAfterThatFitsTheDeadline_IsStillWaited()
    {
        var primary = new ScriptedProvider("only", _clock)
            .Throws(new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(1)))
            .Succeeds();
        FallbackChain<IChatProvider> chain = TestChains.Build(
            _clock,
            o =>
            {
                o.MaxRetryAfterWait = TimeSpan.FromSeconds(5);
                o.TotalRequestTimeout = TimeSpan.FromSeconds(2);
            },
            primary);

        Task<string> call = chain.CompleteAsync();
        await _clock.AdvanceAfterTimerAsync(2, TimeSpan.FromSeconds(1));

        Assert.Equal(primary.Reply, await call);
        Assert.Equal(2, primary.CallCount);
    }

    [Fact]
    public async Task DeadlineDuringABackoff_RecordsTheProvidersRealFailure_AndTheRequestsReallySent()
    {
        var primary = new ScriptedProvider("only", _clock).Throws(new ProviderException("unavailable", statusCode: 503));
        FallbackChain<IChatProvider> chain = TestChains.Build(
            _clock,
            o =>
            {
                o.Retry.Delay = TimeSpan.FromSeconds(10);
                o.Retry.MaxDelay = TimeSpan.FromSeconds(10);
                o.Retry.UseJitter = false;
                o.TotalRequestTimeout = TimeSpan.FromSeconds(3);
            },
            primary);

        Task<string> call = chain.CompleteAsync();
        await _clock.AdvanceAfterTimerAsync(2, TimeSpan.FromSeconds(3));
        var exhausted = await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => call);

        Assert.True(exhausted.DeadlineExceeded);
        FailoverAttempt attempt = Assert.Single(exhausted.Attempts);
        Assert.Equal(FailoverReason.Overloaded, attempt.Reason);
        Assert.Equal(503, attempt.StatusCode);
        Assert.Equal(1, attempt.Requests);
        Assert.Single(primary.Calls);
    }
}
