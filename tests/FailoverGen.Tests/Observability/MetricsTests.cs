using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading.Tasks;
using FailoverGen.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace FailoverGen.Tests.Observability;

/// <summary>The FailoverGen meter counts attempts, failovers, exhaustions and probes, times attempts and gauges cooldowns.</summary>
public sealed class MetricsTests : IDisposable
{
    private readonly TestClock _clock = new();
    private readonly ServiceProvider _container;
    private readonly IMeterFactory _meters;

    public MetricsTests()
    {
        _container = new ServiceCollection().AddMetrics().BuildServiceProvider();
        _meters = _container.GetRequiredService<IMeterFactory>();
    }

    public void Dispose() => _container.Dispose();

    [Fact]
    public async Task Attempts_AreCountedByOutcomeWithOpenTelemetryTags()
    {
        using var attempts = Collect<long>("failovergen.attempts");
        using var durations = Collect<double>("failovergen.attempt.duration");
        using var failovers = Collect<long>("failovergen.failovers");
        FallbackChain<IChatProvider> chain = Build(
            new ScriptedProvider("google/gemini-2.5-flash", _clock).Throws(new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(30))),
            new ScriptedProvider("openai/gpt-4o-mini", _clock).Takes(_clock, TimeSpan.FromMilliseconds(1500)));

        await chain.CompleteAsync();
        await chain.CompleteAsync();

        IReadOnlyList<CollectedMeasurement<long>> counted = attempts.GetMeasurementSnapshot();
        CollectedMeasurement<long> failure = counted.Single(m => Equals(m.Tags["failovergen.outcome"], "failure"));
        Assert.Equal("chat", failure.Tags["failovergen.chain"]);
        Assert.Equal("google/gemini-2.5-flash", failure.Tags["failovergen.provider"]);
        Assert.Equal("google", failure.Tags["gen_ai.provider.name"]);
        Assert.Equal("rate_limit", failure.Tags["error.type"]);
        Assert.Equal(429, failure.Tags["http.response.status_code"]);
        CollectedMeasurement<long> skipped = counted.Single(m => Equals(m.Tags["failovergen.outcome"], "skipped"));
        Assert.Equal("rate_limit", skipped.Tags["error.type"]);
        Assert.Equal(2, counted.Count(m => Equals(m.Tags["failovergen.outcome"], "success") && Equals(m.Tags["gen_ai.provider.name"], "openai")));

        CollectedMeasurement<double> timed = durations.GetMeasurementSnapshot().First(m => Equals(m.Tags["failovergen.outcome"], "success"));
        Assert.Equal(1.5, timed.Value);
        Assert.Equal("s", durations.Instrument!.Unit);

        Assert.Equal(2, failovers.GetMeasurementSnapshot().Count);
        Assert.All(failovers.GetMeasurementSnapshot(), m => Assert.Equal("openai/gpt-4o-mini", m.Tags["failovergen.provider"]));
    }

    [Fact]
    public async Task ExhaustionsProbesAndCooldowns_AreCounted()
    {
        using var exhaustions = Collect<long>("failovergen.exhaustions");
        using var probes = Collect<long>("failovergen.probes");
        using var opened = Collect<long>("failovergen.cooldowns.opened");
        var only = new ScriptedProvider("only", _clock)
            .Throws(new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(10)))
            .Throws(new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(10)))
            .Succeeds();
        FallbackChain<IChatProvider> chain = Build(only);

        await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => chain.CompleteAsync());
        _clock.Advance(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => chain.CompleteAsync());
        _clock.Advance(TimeSpan.FromSeconds(10));
        await chain.CompleteAsync();

        Assert.Equal(2, exhaustions.GetMeasurementSnapshot().Count);
        Assert.All(exhaustions.GetMeasurementSnapshot(), m => Assert.Equal("rate_limit", m.Tags["error.type"]));
        Assert.Equal(new object?[] { "failure", "success" }, probes.GetMeasurementSnapshot().Select(m => m.Tags["failovergen.outcome"]));
        Assert.Equal(2, opened.GetMeasurementSnapshot().Count);
    }

    [Fact]
    public async Task ActiveCooldowns_AreObservedPerProvider()
    {
        using var active = Collect<int>("failovergen.cooldowns.active");
        FallbackChain<IChatProvider> chain = Build(
            new ScriptedProvider("primary", _clock).Throws(new ProviderException("no credit", statusCode: 402)),
            new ScriptedProvider("fallback", _clock));

        await chain.CompleteAsync();
        active.RecordObservableInstruments();

        Dictionary<string, int> byProvider = active.GetMeasurementSnapshot()
            .Where(m => Equals(m.Tags["failovergen.chain"], "chat"))
            .ToDictionary(m => (string)m.Tags["failovergen.provider"]!, m => m.Value);
        Assert.Equal(1, byProvider["primary"]);
        Assert.Equal(0, byProvider["fallback"]);
    }

    private MetricCollector<T> Collect<T>(string instrument)
        where T : struct => new(_meters, FailoverDiagnostics.MeterName, instrument);

    private FallbackChain<IChatProvider> Build(params ScriptedProvider[] providers) =>
        TestChains.Build(_clock, o =>
        {
            o.Name = "chat";
            o.MeterFactory = _meters;
            o.Retry.MaxRetryAttempts = 0;
        }, providers);
}
