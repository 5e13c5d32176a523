using System;
using System.Threading.Tasks;
using FailoverGen.Tests.Fakes;

namespace FailoverGen.Tests;

public sealed class CooldownTests
{
    private readonly TestClock _clock = new();

    /// <summary>Calls the chain at <paramref name="before"/> and at <paramref name="at"/> after the failure; returns whether the primary was called each time.</summary>
    private async Task<(bool Before, bool At)> PrimaryCalledAround(Exception failure, TimeSpan before, TimeSpan at, Action<FallbackChainOptions>? configure = null)
    {
        var primary = new ScriptedProvider("primary", _clock).Throws(failure).Succeeds();
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(
            _clock,
            o =>
            {
                o.Retry.MaxRetryAttempts = 0;
                configure?.Invoke(o);
            },
            primary,
            fallback);
        Assert.Equal(fallback.Reply, await chain.CompleteAsync());

        _clock.Advance(before);
        bool calledBefore = await chain.CompleteAsync() == primary.Reply;
        _clock.Advance(at - before);
        bool calledAt = await chain.CompleteAsync() == primary.Reply;
        return (calledBefore, calledAt);
    }

    public static TheoryData<Exception, int> DefaultCooldowns() => new()
    {
        { new ProviderException("slow down", statusCode: 429), 30 },
        { new ProviderException("quota", statusCode: 429, errorCode: "insufficient_quota"), 600 },
        { new ProviderException("no credit", statusCode: 402), 600 },
        { new ProviderException("bad key", statusCode: 401), 900 },
        { new ProviderException("no such model", statusCode: 404), 900 },
        { new ProviderException("unavailable", statusCode: 503), 10 },
        { new InvalidOperationException("unknown"), 10 },
    };

    [Theory]
    [MemberData(nameof(DefaultCooldowns))]
    public async Task WithoutARetryHint_TheCooldownIsTheReasonsDefault(Exception failure, int seconds)
    {
        // One failure is enough to cool the provider: explicit signals always are, transient ones with a threshold of one call.
        (bool before, bool at) = await PrimaryCalledAround(
            failure, TimeSpan.FromSeconds(seconds - 1), TimeSpan.FromSeconds(seconds), o => o.Cooldowns.MinimumThroughput = 1);

        Assert.False(before);
        Assert.True(at);
    }

    [Fact]
    public async Task CoolingDownPrimary_IsSkippedWithoutARequest()
    {
        var primary = new ScriptedProvider("primary", _clock).Throws(new ProviderException("slow down", statusCode: 429));
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary, fallback);

        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(fallback.Reply, await chain.CompleteAsync());
        }

        Assert.Single(primary.Calls);
        Assert.Equal(5, fallback.Calls.Count);
    }

    [Fact]
    public async Task RetryAfterHint_WinsOverTheDefault()
    {
        (bool before, bool at) = await PrimaryCalledAround(
            new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(45)),
            TimeSpan.FromSeconds(44),
            TimeSpan.FromSeconds(45));

        Assert.False(before);
        Assert.True(at);
    }

    [Fact]
    public async Task RetryAtHint_SetsTheCooldownToThatTime()
    {
        (bool before, bool at) = await PrimaryCalledAround(
            new ProviderException("slow down", statusCode: 429, retryAt: _clock.GetUtcNow().AddSeconds(75)),
            TimeSpan.FromSeconds(74),
            TimeSpan.FromSeconds(75));

        Assert.False(before);
        Assert.True(at);
    }

    [Fact]
    public async Task HugeRetryHint_IsClampedToTheMaximumCooldown()
    {
        (bool before, bool at) = await PrimaryCalledAround(
            new ProviderException("come back tomorrow", statusCode: 429, retryAfter: TimeSpan.FromHours(20)),
            TimeSpan.FromMinutes(59),
            TimeSpan.FromMinutes(60));

        Assert.False(before);
        Assert.True(at);
    }

    [Fact]
    public async Task ZeroRetryHint_IsRaisedToTheMinimumCooldown()
    {
        (bool before, bool at) = await PrimaryCalledAround(
            new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.Zero),
            TimeSpan.FromMilliseconds(999),
            TimeSpan.FromSeconds(1));

        Assert.False(before);
        Assert.True(at);
    }

    [Fact]
    public async Task ConfiguredCooldowns_AreUsed()
    {
        (bool before, bool at) = await PrimaryCalledAround(
            new ProviderException("slow down", statusCode: 429),
            TimeSpan.FromSeconds(4),
            TimeSpan.FromSeconds(5),
            o => o.Cooldowns.RateLimit = TimeSpan.FromSeconds(5));

        Assert.False(before);
        Assert.True(at);
    }

    [Fact]
    public async Task CooldownState_IsPerProvider()
    {
        var first = new ScriptedProvider("first", _clock).Throws(new ProviderException("slow down", statusCode: 429));
        var second = new ScriptedProvider("second", _clock);
        var third = new ScriptedProvider("third", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, first, second, third);

        await chain.CompleteAsync();
        await chain.CompleteAsync();

        Assert.Equal(2, second.Calls.Count);
        Assert.Empty(third.Calls);
    }

    [Fact]
    public async Task UnboundedMaximumCooldown_WithAHugeRetryHint_StillFailsOver()
    {
        var primary = new ScriptedProvider("primary", _clock)
            .Throws(new ProviderException("come back never", statusCode: 429, retryAfter: TimeSpan.MaxValue));
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.Cooldowns.Maximum = TimeSpan.MaxValue, primary, fallback);

        Assert.Equal(fallback.Reply, await chain.CompleteAsync());
    }

    [Fact]
    public async Task ARecoveryProbeThatFails_IsNotRetried_AndTheCallFailsOver()
    {
        var primary = new ScriptedProvider("primary", _clock)
            .Throws(new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(10)))
            .Throws(new ProviderException("overloaded", statusCode: 503))
            .Succeeds();
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.Retry.Delay = TimeSpan.Zero, primary, fallback);
        await chain.CompleteAsync();
        _clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(fallback.Reply, await chain.CompleteAsync());

        Assert.Equal(2, primary.CallCount);
    }
}
