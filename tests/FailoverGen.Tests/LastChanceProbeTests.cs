using System;
using System.Threading.Tasks;
using FailoverGen.Tests.Fakes;

namespace FailoverGen.Tests;

/// <summary>
/// When every provider tried has failed and another was skipped as cooling, the chain waits for that one and probes it,
/// but only when its cooldown ends within <see cref="FallbackChainOptions.MaxRetryAfterWait"/> and before the deadline.
/// </summary>
public sealed class LastChanceProbeTests
{
    private readonly TestClock _clock = new();

    /// <summary>The primary is cooling for <paramref name="cooldown"/>; the fallback then fails with a 503.</summary>
    private async Task<(FallbackChain<IChatProvider> Chain, ScriptedProvider Primary, ScriptedProvider Fallback)> PrimaryCoolingFor(
        TimeSpan cooldown, Action<FallbackChainOptions>? configure = null)
    {
        var primary = new ScriptedProvider("primary", _clock)
            .Throws(new ProviderException("slow down", statusCode: 429, retryAfter: cooldown))
            .Succeeds();
        var fallback = new ScriptedProvider("fallback", _clock).Succeeds().Throws(new ProviderException("unavailable", statusCode: 503));
        FallbackChain<IChatProvider> chain = TestChains.Build(
            _clock,
            o =>
            {
                o.Retry.MaxRetryAttempts = 0;
                o.MaxRetryAfterWait = TimeSpan.FromSeconds(5);
                configure?.Invoke(o);
            },
            primary,
            fallback);
        Assert.Equal(fallback.Reply, await chain.CompleteAsync());
        return (chain, primary, fallback);
    }

    [Fact]
    public async Task CooldownEndingWithinTheWaitBound_IsWaitedFor_AndTheProviderProbed()
    {
        (FallbackChain<IChatProvider> chain, ScriptedProvider primary, _) = await PrimaryCoolingFor(TimeSpan.FromSeconds(3));
        _clock.Advance(TimeSpan.FromSeconds(1));
        int timers = _clock.TimersCreated;

        Task<string> call = chain.CompleteAsync();
        await _clock.AdvanceAfterTimerAsync(timers + 1, TimeSpan.FromSeconds(2));

        Assert.Equal(primary.Reply, await call);
        Assert.Equal(TimeSpan.FromSeconds(3), _clock.SinceStart(primary.Calls[1]));
    }

    [Fact]
    public async Task CooldownEndingLaterThanTheWaitBound_EndsTheCallAtOnce()
    {
        (FallbackChain<IChatProvider> chain, ScriptedProvider primary, _) = await PrimaryCoolingFor(TimeSpan.FromSeconds(30));

        var exhausted = await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => chain.CompleteAsync());

        Assert.Single(primary.Calls);
        Assert.Equal(FailoverAttemptOutcome.SkippedCoolingDown, exhausted.Attempts[0].Outcome);
        Assert.Equal(TimeSpan.Zero, _clock.Elapsed);
    }

    [Fact]
    public async Task CooldownEndingAfterTheDeadline_IsNotWaitedFor()
    {
        (FallbackChain<IChatProvider> chain, ScriptedProvider primary, _) = await PrimaryCoolingFor(
            TimeSpan.FromSeconds(3), o => o.TotalRequestTimeout = TimeSpan.FromSeconds(2));

        await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => chain.CompleteAsync());

        Assert.Single(primary.Calls);
    }

    [Fact]
    public async Task LastChanceProbe_ReplacesTheSkipInTheRecord_WhenItFailsToo()
    {
        var primary = new ScriptedProvider("primary", _clock).Throws(new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(2)));
        var fallback = new ScriptedProvider("fallback", _clock).Succeeds().Throws(new ProviderException("unavailable", statusCode: 503));
        FallbackChain<IChatProvider> chain = TestChains.Build(
            _clock,
            o =>
            {
                o.Retry.MaxRetryAttempts = 0;
                o.MaxRetryAfterWait = TimeSpan.FromSeconds(5);
            },
            primary,
            fallback);
        await chain.CompleteAsync();
        int timers = _clock.TimersCreated;

        Task<string> call = chain.CompleteAsync();
        await _clock.AdvanceAfterTimerAsync(timers + 1, TimeSpan.FromSeconds(2));
        var exhausted = await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => call);

        Assert.Equal(2, exhausted.Attempts.Count);
        Assert.Equal(FailoverAttemptOutcome.Failed, exhausted.Attempts[0].Outcome);
        Assert.Equal(FailoverReason.RateLimit, exhausted.Attempts[0].Reason);
        Assert.Equal(2, primary.CallCount);
    }
}
