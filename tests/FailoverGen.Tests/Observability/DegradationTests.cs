using System;
using System.Linq;
using System.Threading.Tasks;
using FailoverGen.Tests.Fakes;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FailoverGen.Tests.Observability;

/// <summary>A provider much slower than its baseline is tried after the healthy ones until it recovers.</summary>
public sealed class DegradationTests
{
    private static readonly TimeSpan Fast = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Slow = TimeSpan.FromMilliseconds(900);

    private readonly TestClock _clock = new();
    private readonly RecordingObserver _observer = new();
    private TimeSpan _primaryLatency = Fast;

    [Fact]
    public async Task SlowPrimary_MovesAfterTheHealthyFallback_AndAnEventSaysSo()
    {
        (FallbackChain<IChatProvider> chain, ScriptedProvider primary, ScriptedProvider fallback) = Build();
        await SlowDownAfterBaselineAsync(chain, calls: 10);

        int primaryCalls = primary.CallCount;
        Assert.Equal(fallback.Reply, await chain.CompleteAsync());

        Assert.Equal(primaryCalls, primary.CallCount);
        DegradationChanged degraded = _observer.Single<DegradationChanged>();
        Assert.True(degraded.IsDegraded);
        Assert.Equal("primary", degraded.Provider);
        Assert.Equal(Fast, degraded.Baseline);
        Assert.True(degraded.Latency > 3 * Fast);
        ProviderHealth health = chain.GetHealth().Providers[0];
        Assert.True(health.IsDegraded);
        Assert.Equal(ProviderState.Available, health.State);
        Assert.Equal(HealthStatus.Degraded, chain.GetHealth().Status);
    }

    [Fact]
    public async Task DegradedPrimary_StillServesWhenTheFallbackFails()
    {
        (FallbackChain<IChatProvider> chain, ScriptedProvider primary, ScriptedProvider fallback) = Build(fallbackFails: true);
        await SlowDownAfterBaselineAsync(chain, calls: 10);

        Assert.Equal(primary.Reply, await chain.CompleteAsync());
        Assert.Equal(FailoverAttemptOutcome.Failed, _observer.Events.OfType<AttemptFailed>().Last().Attempt.Outcome);
        Assert.Equal("fallback", _observer.Events.OfType<AttemptFailed>().Last().Attempt.ProviderName);
    }

    [Fact]
    public async Task DegradedPrimary_GetsTrafficAgainAfterAWindow_AndRecovers()
    {
        (FallbackChain<IChatProvider> chain, ScriptedProvider primary, _) = Build();
        await SlowDownAfterBaselineAsync(chain, calls: 10);

        _primaryLatency = Fast;
        _clock.Advance(TimeSpan.FromMinutes(1));
        int before = primary.CallCount;
        await chain.CompleteAsync();

        Assert.Equal(before + 1, primary.CallCount);
        DegradationChanged[] changes = _observer.Events.OfType<DegradationChanged>().ToArray();
        Assert.Equal(new[] { true, false }, changes.Select(c => c.IsDegraded));
        Assert.False(chain.GetHealth().Providers[0].IsDegraded);
    }

    [Fact]
    public async Task FewerSamplesThanTheMinimum_NeverDegrade()
    {
        (FallbackChain<IChatProvider> chain, ScriptedProvider primary, _) = Build(configure: o => o.Health.DegradationMinimumSamples = 50);
        await SlowDownAfterBaselineAsync(chain, calls: 10);

        int before = primary.CallCount;
        await chain.CompleteAsync();

        Assert.Equal(before + 1, primary.CallCount);
        Assert.Empty(_observer.Events.OfType<DegradationChanged>());
    }

    [Fact]
    public async Task DetectionTurnedOff_KeepsTheDeclaredOrder()
    {
        (FallbackChain<IChatProvider> chain, ScriptedProvider primary, _) = Build(configure: o => o.Health.DetectDegradation = false);
        await SlowDownAfterBaselineAsync(chain, calls: 11);

        Assert.Equal(21, primary.CallCount);
        Assert.Empty(_observer.Events.OfType<DegradationChanged>());
    }

    [Fact]
    public async Task ALargerFactor_ToleratesTheSameSlowdown()
    {
        (FallbackChain<IChatProvider> chain, ScriptedProvider primary, _) = Build(configure: o => o.Health.DegradationFactor = 5);
        await SlowDownAfterBaselineAsync(chain, calls: 11);

        Assert.Equal(21, primary.CallCount);
    }

    /// <summary>
    /// Ten fast answers that then leave the one-minute window, so they become the baseline; then the primary turns
    /// slow for <paramref name="calls"/> calls.
    /// </summary>
    private async Task SlowDownAfterBaselineAsync(FallbackChain<IChatProvider> chain, int calls)
    {
        for (int i = 0; i < 10; i++)
        {
            await chain.CompleteAsync();
        }

        _clock.Advance(TimeSpan.FromMinutes(1));
        _primaryLatency = Slow;
        for (int i = 0; i < calls; i++)
        {
            await chain.CompleteAsync();
        }
    }

    private (FallbackChain<IChatProvider> Chain, ScriptedProvider Primary, ScriptedProvider Fallback) Build(bool fallbackFails = false, Action<FallbackChainOptions>? configure = null)
    {
        var primary = new ScriptedProvider("primary", _clock).Then(_ =>
        {
            _clock.Advance(_primaryLatency);
            return Task.FromResult("reply from primary");
        });
        var fallback = new ScriptedProvider("fallback", _clock);
        if (fallbackFails)
        {
            fallback.Throws(new ProviderException("overloaded", statusCode: 529));
        }

        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o =>
        {
            o.Retry.MaxRetryAttempts = 0;
            o.Observers.Add(_observer);
            configure?.Invoke(o);
        }, primary, fallback);
        return (chain, primary, fallback);
    }
}
