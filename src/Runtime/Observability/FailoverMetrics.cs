using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace FailoverGen;

/// <summary>
/// The instruments of the <c>FailoverGen</c> meter. One set per meter, shared by every chain that reports to it:
/// the process-wide meter by default, or one per <see cref="IMeterFactory"/>, so instruments are not created per
/// chain and a chain that is dropped does not stay referenced (the cooldown gauge holds chains weakly).
/// </summary>
internal sealed class FailoverMetrics
{
    private static readonly ConditionalWeakTable<IMeterFactory, FailoverMetrics> ByFactory = new();
    private static readonly Lazy<FailoverMetrics> Shared = new(() => new FailoverMetrics(new Meter(FailoverDiagnostics.MeterName, FailoverDiagnostics.Version)));

    /// <summary>The OpenTelemetry GenAI conventions' advice for <c>gen_ai.client.operation.duration</c>: 10 ms to 82 s, doubling.</summary>
    private static readonly double[] DurationBuckets = { 0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92 };

    private readonly List<WeakReference<ICooldownGaugeSource>> _sources = new();

    private FailoverMetrics(Meter meter)
    {
        Attempts = meter.CreateCounter<long>("failovergen.attempts", "{attempt}", "Provider attempts by outcome: success, failure or skipped.");
        AttemptDuration = meter.CreateHistogram<double>(
            "failovergen.attempt.duration",
            "s",
            "Time on one provider in one call, retries included.",
            tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        Failovers = meter.CreateCounter<long>("failovergen.failovers", "{failover}", "Calls answered by a provider after others were passed over.");
        Exhaustions = meter.CreateCounter<long>("failovergen.exhaustions", "{call}", "Calls that ended with every provider failed or skipped.");
        Probes = meter.CreateCounter<long>("failovergen.probes", "{probe}", "Recovery probes after a cooldown, by outcome.");
        CooldownsOpened = meter.CreateCounter<long>("failovergen.cooldowns.opened", "{cooldown}", "Cooldowns started or extended.");
        meter.CreateObservableGauge("failovergen.cooldowns.active", ObserveCooldowns, "{cooldown}", "1 for each provider cooling down or being probed, 0 for each available one.");
    }

    public Counter<long> Attempts { get; }

    public Histogram<double> AttemptDuration { get; }

    public Counter<long> Failovers { get; }

    public Counter<long> Exhaustions { get; }

    public Counter<long> Probes { get; }

    public Counter<long> CooldownsOpened { get; }

    public static FailoverMetrics For(IMeterFactory? factory) =>
        factory is null
            ? Shared.Value
            : ByFactory.GetValue(factory, static f => new FailoverMetrics(f.Create(new MeterOptions(FailoverDiagnostics.MeterName) { Version = FailoverDiagnostics.Version })));

    /// <summary>Adds a chain to the cooldown gauge for as long as the chain lives.</summary>
    public void Register(ICooldownGaugeSource source)
    {
        lock (_sources)
        {
            _sources.RemoveAll(static weak => !weak.TryGetTarget(out _));
            _sources.Add(new WeakReference<ICooldownGaugeSource>(source));
        }
    }

    private IEnumerable<Measurement<int>> ObserveCooldowns()
    {
        var measurements = new List<Measurement<int>>();
        lock (_sources)
        {
            foreach (WeakReference<ICooldownGaugeSource> weak in _sources)
            {
                if (weak.TryGetTarget(out ICooldownGaugeSource? source))
                {
                    source.Observe(measurements);
                }
            }
        }

        return measurements;
    }
}
