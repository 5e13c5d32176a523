using System;
using System.Threading.Tasks;
using FailoverGen.Tests.Fakes;

namespace FailoverGen.Tests;

/// <summary>
/// <see cref="FallbackChainOptions.ShortRetryAfterWait"/>: a caller who prefers the primary waits out a short
/// Retry-After on it instead of switching, even while the fallback is healthy; a longer one still fails over at once.
/// </summary>
public sealed class ShortRetryAfterWaitTests
{
    private readonly TestClock _clock = new();

    [Fact]
    public async Task AShortRetryAfter_IsWaitedOutOnThePrimary_WhileTheFallbackIsHealthy()
    {
        var primary = new ScriptedProvider("primary", _clock).Throws(new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(2))).Succeeds();
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.ShortRetryAfterWait = TimeSpan.FromSeconds(3), primary, fallback);

        Task<string> call = chain.CompleteAsync();
        await _clock.AdvanceAfterTimerAsync(1, TimeSpan.FromSeconds(2));

        Assert.Equal(primary.Reply, await call);
        Assert.Equal(0, fallback.CallCount);
        Assert.Equal(TimeSpan.FromSeconds(2), _clock.SinceStart(primary.Calls[1]));
    }

    [Fact]
    public async Task ARetryAfterLongerThanTheShortWait_FailsOverAtOnce()
    {
        var primary = new ScriptedProvider("primary", _clock).Throws(new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(4))).Succeeds();
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.ShortRetryAfterWait = TimeSpan.FromSeconds(3), primary, fallback);

        Assert.Equal(fallback.Reply, await chain.CompleteAsync());
        Assert.Equal(TimeSpan.Zero, _clock.Elapsed);
        Assert.Single(primary.Calls);
    }

    [Fact]
    public async Task ByDefault_AShortRetryAfter_FailsOverAtOnce()
    {
        var primary = new ScriptedProvider("primary", _clock).Throws(new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(1))).Succeeds();
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary, fallback);

        Assert.Equal(fallback.Reply, await chain.CompleteAsync());
        Assert.Single(primary.Calls);
    }

    [Fact]
    public async Task AShortWaitTheDeadlineWouldCut_FailsOverInstead()
    {
        var primary = new ScriptedProvider("primary", _clock).Throws(new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(2))).Succeeds();
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(
            _clock,
            o =>
            {
                o.ShortRetryAfterWait = TimeSpan.FromSeconds(3);
                o.TotalRequestTimeout = TimeSpan.FromSeconds(1);
            },
            primary,
            fallback);

        Assert.Equal(fallback.Reply, await chain.CompleteAsync());
        Assert.Single(primary.Calls);
    }

    [Fact]
    public void ANegativeShortWait_IsRefusedWithItsName()
    {
        var provider = new ScriptedProvider("primary", _clock);
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => TestChains.Build(_clock, o => o.ShortRetryAfterWait = TimeSpan.FromSeconds(-1), provider));
        Assert.Contains("ShortRetryAfterWait", refused.Message);
    }
}
