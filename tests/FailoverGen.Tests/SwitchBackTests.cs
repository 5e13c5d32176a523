using System;
using System.Linq;
using System.Threading.Tasks;
using FailoverGen.Tests.Fakes;

namespace FailoverGen.Tests;

public sealed class SwitchBackTests
{
    private readonly TestClock _clock = new();

    [Fact]
    public async Task AfterTheCooldown_ThePrimaryIsUsedAgain()
    {
        var primary = new ScriptedProvider("primary", _clock)
            .Throws(new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(20)))
            .Succeeds();
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary, fallback);

        Assert.Equal(fallback.Reply, await chain.CompleteAsync());

        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(fallback.Reply, await chain.CompleteAsync());
        Assert.Single(primary.Calls);

        _clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(primary.Reply, await chain.CompleteAsync());
        Assert.Equal(TimeSpan.FromSeconds(21), _clock.SinceStart(primary.Calls[1]));

        Assert.Equal(primary.Reply, await chain.CompleteAsync());
        Assert.Equal(3, primary.Calls.Count);
        Assert.Equal(2, fallback.Calls.Count);
    }

    [Fact]
    public async Task PrimaryIsProbedExactlyWhenItsRetryAfterEnds()
    {
        var primary = new ScriptedProvider("primary", _clock)
            .Throws(new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(20)))
            .Succeeds();
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary, fallback);
        await chain.CompleteAsync();

        _clock.Advance(TimeSpan.FromSeconds(20) - TimeSpan.FromTicks(1));
        Assert.Equal(fallback.Reply, await chain.CompleteAsync());
        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(primary.Reply, await chain.CompleteAsync());
    }

    [Fact]
    public async Task FailedProbe_ReopensWithADoubledDefaultCooldown()
    {
        var primary = new ScriptedProvider("primary", _clock).Throws(new ProviderException("slow down", statusCode: 429));
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary, fallback);

        await chain.CompleteAsync();
        _clock.Advance(TimeSpan.FromSeconds(30));
        await chain.CompleteAsync();
        _clock.Advance(TimeSpan.FromSeconds(59));
        await chain.CompleteAsync();
        _clock.Advance(TimeSpan.FromSeconds(1));
        await chain.CompleteAsync();
        _clock.Advance(TimeSpan.FromSeconds(119));
        await chain.CompleteAsync();
        _clock.Advance(TimeSpan.FromSeconds(1));
        await chain.CompleteAsync();

        Assert.Equal(new[] { 0.0, 30, 90, 210 }, primary.Calls.Select(c => _clock.SinceStart(c).TotalSeconds));
        Assert.Equal(6, fallback.Calls.Count);
    }

    [Fact]
    public async Task SuccessfulProbe_ResetsTheCooldownDoubling()
    {
        var primary = new ScriptedProvider("primary", _clock)
            .Throws(new ProviderException("slow down", statusCode: 429))
            .Throws(new ProviderException("slow down", statusCode: 429))
            .Succeeds()
            .Throws(new ProviderException("slow down", statusCode: 429))
            .Succeeds();
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary, fallback);

        await chain.CompleteAsync();
        _clock.Advance(TimeSpan.FromSeconds(30));
        await chain.CompleteAsync();
        _clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(primary.Reply, await chain.CompleteAsync());
        await chain.CompleteAsync();
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(primary.Reply, await chain.CompleteAsync());

        Assert.Equal(new[] { 0.0, 30, 90, 90, 120 }, primary.Calls.Select(c => _clock.SinceStart(c).TotalSeconds));
    }

    [Fact]
    public async Task WhileAProbeIsInFlight_OtherCallsSkipTheProvider()
    {
        var probe = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var primary = new ScriptedProvider("primary", _clock)
            .Throws(new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(10)))
            .Then(_ => probe.Task)
            .Succeeds();
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary, fallback);
        await chain.CompleteAsync();
        _clock.Advance(TimeSpan.FromSeconds(10));

        Task<string> probing = chain.CompleteAsync();
        Assert.False(probing.IsCompleted);
        Assert.Equal(fallback.Reply, await chain.CompleteAsync());
        Assert.Equal(2, primary.Calls.Count);

        probe.SetResult("probe ok");
        Assert.Equal("probe ok", await probing);
        Assert.Equal(primary.Reply, await chain.CompleteAsync());
        Assert.Equal(3, primary.Calls.Count);
    }

    [Fact]
    public async Task WhileAProbeIsInFlight_ExhaustionSaysSo()
    {
        var probe = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var primary = new ScriptedProvider("primary", _clock)
            .Throws(new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(10)))
            .Then(_ => probe.Task);
        var fallback = new ScriptedProvider("fallback", _clock)
            .Succeeds()
            .Throws(new ProviderException("bad key", statusCode: 401));
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary, fallback);
        await chain.CompleteAsync();
        _clock.Advance(TimeSpan.FromSeconds(10));
        Task<string> probing = chain.CompleteAsync();

        var error = await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => chain.CompleteAsync());

        Assert.Equal(FailoverAttemptOutcome.SkippedProbeInFlight, error.Attempts[0].Outcome);
        Assert.Contains("primary: skipped, recovery probe in progress (rate limited)", error.Message, StringComparison.Ordinal);
        probe.SetResult("done");
        await probing;
    }
}
