using System;
using System.Linq;
using System.Threading.Tasks;
using FailoverGen.Tests.Fakes;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FailoverGen.Tests.Observability;

/// <summary>The health snapshot and health check report each provider's state, outcomes and latency.</summary>
public sealed class HealthTests
{
    private readonly TestClock _clock = new();

    [Fact]
    public void NewChain_IsHealthyWithNothingMeasured()
    {
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, new ScriptedProvider("a", _clock), new ScriptedProvider("b", _clock));

        FallbackChainHealth health = chain.GetHealth();

        Assert.Equal(HealthStatus.Healthy, health.Status);
        Assert.Equal(new[] { "a", "b" }, health.Providers.Select(p => p.Name));
        Assert.All(health.Providers, p =>
        {
            Assert.Equal(ProviderState.Available, p.State);
            Assert.Null(p.Latency);
            Assert.Null(p.BaselineLatency);
            Assert.Equal(0, p.FailureRate);
        });
    }

    [Fact]
    public async Task RateLimitedPrimary_IsCoolingDownWithItsLastError_AndTheChainDegraded()
    {
        var primary = new ScriptedProvider("primary", _clock)
            .Takes(_clock, TimeSpan.FromMilliseconds(100))
            .Throws(new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(30)));
        var fallback = new ScriptedProvider("fallback", _clock).Takes(_clock, TimeSpan.FromMilliseconds(200));
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary, fallback);

        await chain.CompleteAsync();
        DateTimeOffset failedAt = _clock.GetUtcNow();
        await chain.CompleteAsync();
        await chain.CompleteAsync();

        FallbackChainHealth health = chain.GetHealth();
        ProviderHealth first = health.Providers[0];
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Equal(ProviderState.CoolingDown, first.State);
        Assert.Equal(failedAt.AddSeconds(30), first.CoolingUntil);
        Assert.Equal(FailoverReason.RateLimit, first.CooldownReason);
        Assert.Equal(1, first.Successes);
        Assert.Equal(1, first.Failures);
        Assert.Equal(0.5, first.FailureRate);
        Assert.Equal(1, first.ConsecutiveFailures);
        Assert.Equal(FailoverReason.RateLimit, first.LastFailureReason);
        Assert.Equal(failedAt, first.LastFailureAt);
        Assert.Equal(TimeSpan.FromMilliseconds(100), first.Latency);
        ProviderHealth second = health.Providers[1];
        Assert.Equal(2, second.Successes);
        Assert.Equal(TimeSpan.FromMilliseconds(200), second.LatencyP50);
        Assert.Contains("primary: cooling down until", first.ToString());
    }

    [Fact]
    public async Task EveryProviderCooling_IsUnhealthy()
    {
        FallbackChain<IChatProvider> chain = TestChains.Build(
            _clock,
            new ScriptedProvider("a", _clock).Throws(new ProviderException("no credit", statusCode: 402)),
            new ScriptedProvider("b", _clock).Throws(new ProviderException("bad key", statusCode: 401)));

        await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => chain.CompleteAsync());

        Assert.Equal(HealthStatus.Unhealthy, chain.GetHealth().Status);
    }

    [Fact]
    public async Task CountsAndRates_CoverOnlyTheWindow()
    {
        var flaky = new ScriptedProvider("flaky", _clock)
            .Throws(new ProviderException("down", statusCode: 500))
            .Succeeds();
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o =>
        {
            o.Retry.MaxRetryAttempts = 0;
            o.Health.Window = TimeSpan.FromSeconds(10);
        }, flaky, new ScriptedProvider("backup", _clock));

        await chain.CompleteAsync();
        _clock.Advance(TimeSpan.FromSeconds(11));
        await chain.CompleteAsync();

        ProviderHealth health = chain.GetHealth().Providers[0];
        Assert.Equal(1, health.Successes);
        Assert.Equal(0, health.Failures);
        Assert.Equal(1, health.TotalFailures);
        Assert.Equal(0, health.ConsecutiveFailures);
    }

    [Fact]
    public async Task Percentiles_ComeFromTheLastSuccesses()
    {
        var provider = new ScriptedProvider("p", _clock);
        int call = 0;
        provider.Then(_ =>
        {
            _clock.Advance(TimeSpan.FromMilliseconds(++call * 10));
            return Task.FromResult("ok");
        });
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, provider);

        for (int i = 0; i < 100; i++)
        {
            await chain.CompleteAsync();
        }

        ProviderHealth health = chain.GetHealth().Providers[0];
        // The last 64 latencies are 370 ms to 1000 ms in steps of 10 ms.
        Assert.Equal(TimeSpan.FromMilliseconds(680), health.LatencyP50);
        Assert.Equal(TimeSpan.FromMilliseconds(970), health.LatencyP95);
    }

    [Fact]
    public async Task HealthCheck_ReportsTheStatusAndEachProvider()
    {
        FallbackChain<IChatProvider> chain = TestChains.Build(
            _clock,
            new ScriptedProvider("primary", _clock).Throws(new ProviderException("slow down", statusCode: 429)),
            new ScriptedProvider("fallback", _clock));
        await chain.CompleteAsync();

        HealthCheckResult result = await new FallbackChainHealthCheck<IChatProvider>(chain).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Equal("1 of 2 providers of IChatProvider take calls now.", result.Description);
        Assert.Equal(ProviderState.CoolingDown, Assert.IsType<ProviderHealth>(result.Data["primary"]).State);
        Assert.Equal(ProviderState.Available, Assert.IsType<ProviderHealth>(result.Data["fallback"]).State);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void DegradationFactor_OutOfRange_IsRejectedByName(double factor)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => TestChains.Build(_clock, o => o.Health.DegradationFactor = factor, new ScriptedProvider("a", _clock)));

        Assert.Contains("Health.DegradationFactor", error.Message);
    }

    [Fact]
    public void HealthWindow_TooShort_IsRejectedByName()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => TestChains.Build(_clock, o => o.Health.Window = TimeSpan.FromMilliseconds(10), new ScriptedProvider("a", _clock)));

        Assert.Contains("Health.Window", error.Message);
    }
}
