using System;
using System.Threading;

namespace FailoverGen;

/// <summary>
/// The health measurements of one provider: outcomes and latency in a sliding window of ten buckets, a latency baseline
/// built from what leaves that window, the last few latencies for percentiles, and whether the provider is degraded.
/// Writers take this provider's own lock, so providers never contend with each other; the walk reads the degraded
/// flag without it.
/// </summary>
internal sealed class ProviderHealthTracker
{
    private const int Buckets = 10;
    private const int RecentLatencies = 64;

    /// <summary>The baseline weighs at most this many past samples, so it follows a provider whose normal speed changes.</summary>
    private const int BaselineMemory = 200;

    private readonly object _gate = new();
    private readonly long _bucketTicks;
    private readonly long[] _epochs = new long[Buckets];
    private readonly int[] _successes = new int[Buckets];
    private readonly int[] _failures = new int[Buckets];
    private readonly long[] _latencyTicks = new long[Buckets];
    private readonly long[] _recent = new long[RecentLatencies];
    private int _recentCount;
    private int _recentNext;
    private double _baselineTicks;
    private long _baselineSamples;
    private long _totalSuccesses;
    private long _totalFailures;
    private int _consecutiveFailures;
    private FailoverReason? _lastFailureReason;
    private DateTimeOffset? _lastFailureAt;
    private DateTimeOffset? _lastSuccessAt;
    private bool _degraded;
    private long _lastSuccessUtcTicks;

    public ProviderHealthTracker(TimeSpan window)
    {
        _bucketTicks = Math.Max(1, window.Ticks / Buckets);
    }

    /// <summary>
    /// True while the provider is degraded and its last success is within <paramref name="window"/>. Read without the
    /// lock: a walk that sees the flag a moment late only keeps the old order for one call.
    /// </summary>
    public bool IsDegraded(DateTimeOffset now, TimeSpan window) =>
        Volatile.Read(ref _degraded) && now.UtcTicks - Volatile.Read(ref _lastSuccessUtcTicks) < window.Ticks;

    /// <summary>Records a success and judges degradation; true when the degraded state changed.</summary>
    public bool RecordSuccess(TimeSpan latency, DateTimeOffset now, ProviderHealthOptions options, out TimeSpan windowLatency, out TimeSpan baseline)
    {
        lock (_gate)
        {
            int slot = Advance(now);
            _successes[slot]++;
            _latencyTicks[slot] += latency.Ticks;
            _recent[_recentNext] = latency.Ticks;
            _recentNext = (_recentNext + 1) % RecentLatencies;
            _recentCount = Math.Min(_recentCount + 1, RecentLatencies);
            _totalSuccesses++;
            _consecutiveFailures = 0;
            _lastSuccessAt = now;
            Volatile.Write(ref _lastSuccessUtcTicks, now.UtcTicks);

            (int successes, _, long latencyTicks) = Totals(now);
            windowLatency = TimeSpan.FromTicks(successes == 0 ? 0 : latencyTicks / successes);
            baseline = TimeSpan.FromTicks((long)_baselineTicks);
            bool degraded = options.DetectDegradation
                && successes >= options.DegradationMinimumSamples
                && _baselineSamples >= options.DegradationMinimumSamples
                && windowLatency.Ticks > _baselineTicks * options.DegradationFactor;
            if (degraded == _degraded)
            {
                return false;
            }

            Volatile.Write(ref _degraded, degraded);
            return true;
        }
    }

    public void RecordFailure(FailoverReason reason, DateTimeOffset now)
    {
        lock (_gate)
        {
            int slot = Advance(now);
            _failures[slot]++;
            _totalFailures++;
            _consecutiveFailures++;
            _lastFailureReason = reason;
            _lastFailureAt = now;
        }
    }

    public HealthMeasurements Measure(DateTimeOffset now)
    {
        lock (_gate)
        {
            Advance(now);
            (int successes, int failures, long latencyTicks) = Totals(now);
            long[] recent = new long[_recentCount];
            Array.Copy(_recent, recent, _recentCount);
            Array.Sort(recent);
            return new HealthMeasurements(
                successes,
                failures,
                _totalSuccesses,
                _totalFailures,
                _consecutiveFailures,
                successes == 0 ? null : TimeSpan.FromTicks(latencyTicks / successes),
                Percentile(recent, 0.50),
                Percentile(recent, 0.95),
                _baselineSamples == 0 ? null : TimeSpan.FromTicks((long)_baselineTicks),
                IsDegraded(now, TimeSpan.FromTicks(_bucketTicks * Buckets)),
                _lastFailureReason,
                _lastFailureAt,
                _lastSuccessAt);
        }
    }

    private static TimeSpan? Percentile(long[] sorted, double quantile) =>
        sorted.Length == 0 ? null : TimeSpan.FromTicks(sorted[(int)Math.Ceiling(quantile * sorted.Length) - 1]);

    /// <summary>
    /// Moves buckets that fell out of the window into the baseline (unless the provider is degraded: a slow provider
    /// must not become its own baseline) and returns the bucket for <paramref name="now"/>.
    /// </summary>
    private int Advance(DateTimeOffset now)
    {
        long epoch = now.UtcTicks / _bucketTicks;
        for (int i = 0; i < Buckets; i++)
        {
            if (_epochs[i] > epoch - Buckets)
            {
                continue;
            }

            if (_successes[i] > 0 && !_degraded)
            {
                double weight = Math.Min(_baselineSamples, BaselineMemory);
                _baselineTicks = ((_baselineTicks * weight) + _latencyTicks[i]) / (weight + _successes[i]);
                _baselineSamples += _successes[i];
            }

            _epochs[i] = long.MaxValue;
            _successes[i] = 0;
            _failures[i] = 0;
            _latencyTicks[i] = 0;
        }

        int slot = (int)(epoch % Buckets);
        if (_epochs[slot] != epoch)
        {
            // Empty, unless the clock went back: counts from the "future" are dropped rather than mixed in.
            _epochs[slot] = epoch;
            _successes[slot] = 0;
            _failures[slot] = 0;
            _latencyTicks[slot] = 0;
        }

        return slot;
    }

    private (int Successes, int Failures, long LatencyTicks) Totals(DateTimeOffset now)
    {
        long epoch = now.UtcTicks / _bucketTicks;
        int successes = 0;
        int failures = 0;
        long latency = 0;
        for (int i = 0; i < Buckets; i++)
        {
            if (_epochs[i] > epoch - Buckets && _epochs[i] <= epoch)
            {
                successes += _successes[i];
                failures += _failures[i];
                latency += _latencyTicks[i];
            }
        }

        return (successes, failures, latency);
    }
}
