using System;
using System.Threading;

namespace FailoverGen;

/// <summary>
/// The health measurements of one provider: outcomes and latency in a sliding window of ten buckets, a latency baseline
/// built from what leaves that window, the last few latencies for percentiles, and whether the provider is degraded.
/// Writers take this provider's own gate, a spin lock around a few field updates (every healthy call records, and an
/// uncontended monitor costs several times as much); providers never contend with each other, and the walk reads the
/// degraded flag without the gate.
/// </summary>
internal sealed class ProviderHealthTracker
{
    private const int Buckets = 10;
    private const int RecentLatencies = 64;

    /// <summary>The baseline weighs at most this many past samples, so it follows a provider whose normal speed changes.</summary>
    private const int BaselineMemory = 200;

    private int _busy;
    private readonly long _bucketTicks;
    private readonly long[] _epochs = new long[Buckets];
    private readonly int[] _successes = new int[Buckets];
    private readonly int[] _samples = new int[Buckets];
    private readonly int[] _failures = new int[Buckets];
    private readonly long[] _latencyTicks = new long[Buckets];
    private readonly long[] _recent = new long[RecentLatencies];
    private long _bucketStartTicks = long.MaxValue;
    private long _bucketEndTicks = long.MinValue;
    private int _slot;
    private int _windowSuccesses;
    private int _windowSamples;
    private int _untimedSuccesses;
    private int _windowFailures;
    private long _windowLatencyTicks;
    private int _recentCount;
    private int _recentNext;
    private double _baselineTicks;
    private long _baselineSamples;
    private long _totalSuccesses;
    private long _totalFailures;
    private int _consecutiveFailures;
    private FailoverReason? _lastFailureReason;
    private DateTimeOffset? _lastFailureAt;
    private bool _degraded;
    private long _lastSuccessUtcTicks;

    public ProviderHealthTracker(TimeSpan window)
    {
        _bucketTicks = Math.Max(1, window.Ticks / Buckets);
    }

    /// <summary>
    /// The degraded flag alone, without the expiry that needs the time: false means the provider is not degraded, true
    /// that the precise check is needed.
    /// </summary>
    public bool MaybeDegraded => Volatile.Read(ref _degraded);

    /// <summary>
    /// Counts a success whose latency was not measured (latency is sampled on the direct path). Outside the gate, so two
    /// racing increments can lose one; the count is folded into the window at the next measured record.
    /// </summary>
    public void CountUntimedSuccess() => _untimedSuccesses++;

    /// <summary>
    /// True while the provider is degraded and its last success is within <paramref name="window"/>. Read without the
    /// lock: a walk that sees the flag a moment late only keeps the old order for one call.
    /// </summary>
    public bool IsDegraded(DateTimeOffset now, TimeSpan window) =>
        Volatile.Read(ref _degraded) && now.UtcTicks - Volatile.Read(ref _lastSuccessUtcTicks) < window.Ticks;

    /// <summary>
    /// Records a success and judges degradation; true when the degraded state changed, and only then are the window's
    /// mean latency and the baseline worked out. Every healthy call runs this, so it avoids divisions in the common case.
    /// </summary>
    public bool RecordSuccess(TimeSpan latency, DateTimeOffset now, ProviderHealthOptions options, out TimeSpan windowLatency, out TimeSpan baseline)
    {
        long ticks = now.UtcTicks;
        Enter();
        try
        {
            FoldUntimed();
            int slot = ticks >= _bucketStartTicks && ticks < _bucketEndTicks ? _slot : Advance(ticks);
            _successes[slot]++;
            _samples[slot]++;
            _latencyTicks[slot] += latency.Ticks;
            _windowSuccesses++;
            _windowSamples++;
            _windowLatencyTicks += latency.Ticks;
            _recent[_recentNext] = latency.Ticks;
            _recentNext = (_recentNext + 1) & (RecentLatencies - 1);
            if (_recentCount < RecentLatencies)
            {
                _recentCount++;
            }

            _totalSuccesses++;
            _consecutiveFailures = 0;
            Volatile.Write(ref _lastSuccessUtcTicks, ticks);

            bool degraded = options.DetectDegradation
                && _windowSamples >= options.DegradationMinimumSamples
                && _baselineSamples >= options.DegradationMinimumSamples
                && _windowLatencyTicks > _baselineTicks * options.DegradationFactor * _windowSamples;
            if (degraded == _degraded)
            {
                windowLatency = default;
                baseline = default;
                return false;
            }

            windowLatency = TimeSpan.FromTicks(_windowLatencyTicks / _windowSamples);
            baseline = TimeSpan.FromTicks((long)_baselineTicks);
            Volatile.Write(ref _degraded, degraded);
            return true;
        }
        finally
        {
            Exit();
        }
    }

    public void RecordFailure(FailoverReason reason, DateTimeOffset now)
    {
        Enter();
        try
        {
            FoldUntimed();
            long ticks = now.UtcTicks;
            int slot = ticks >= _bucketStartTicks && ticks < _bucketEndTicks ? _slot : Advance(ticks);
            _failures[slot]++;
            _windowFailures++;
            _totalFailures++;
            _consecutiveFailures++;
            _lastFailureReason = reason;
            _lastFailureAt = now;
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Fills in what this tracker measured, read in one go under the gate so the numbers agree.</summary>
    public void Measure(ProviderHealth into, DateTimeOffset now)
    {
        Enter();
        try
        {
            FoldUntimed();
            Advance(now.UtcTicks);
            long[] recent = new long[_recentCount];
            Array.Copy(_recent, recent, _recentCount);
            Array.Sort(recent);
            into.Successes = _windowSuccesses;
            into.Failures = _windowFailures;
            into.TotalSuccesses = _totalSuccesses;
            into.TotalFailures = _totalFailures;
            into.ConsecutiveFailures = _consecutiveFailures;
            into.Latency = _windowSamples == 0 ? null : TimeSpan.FromTicks(_windowLatencyTicks / _windowSamples);
            into.LatencyP50 = Percentile(recent, 0.50);
            into.LatencyP95 = Percentile(recent, 0.95);
            into.BaselineLatency = _baselineSamples == 0 ? null : TimeSpan.FromTicks((long)_baselineTicks);
            into.IsDegraded = IsDegraded(now, TimeSpan.FromTicks(_bucketTicks * Buckets));
            into.LastFailureReason = _lastFailureReason;
            into.LastFailureAt = _lastFailureAt;
            into.LastSuccessAt = _lastSuccessUtcTicks == 0 ? null : new DateTimeOffset(_lastSuccessUtcTicks, TimeSpan.Zero);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>
    /// Adds the successes counted without a time to the bucket of the last measured record: they happened after it, so
    /// they leave the window a little early rather than late. Under the gate.
    /// </summary>
    private void FoldUntimed()
    {
        int untimed = Interlocked.Exchange(ref _untimedSuccesses, 0);
        if (untimed == 0)
        {
            return;
        }

        _totalSuccesses += untimed;
        _consecutiveFailures = 0;
        if (_bucketEndTicks != long.MinValue)
        {
            _successes[_slot] += untimed;
            _windowSuccesses += untimed;
        }
    }

    private void Enter()
    {
        if (Interlocked.CompareExchange(ref _busy, 1, 0) == 0)
        {
            return;
        }

        var spin = default(SpinWait);
        do
        {
            spin.SpinOnce();
        }
        while (Interlocked.CompareExchange(ref _busy, 1, 0) != 0);
    }

    private void Exit() => Volatile.Write(ref _busy, 0);

    private static TimeSpan? Percentile(long[] sorted, double quantile) =>
        sorted.Length == 0 ? null : TimeSpan.FromTicks(sorted[(int)Math.Ceiling(quantile * sorted.Length) - 1]);

    /// <summary>
    /// Moves buckets that fell out of the window into the baseline (unless the provider is degraded: a slow provider
    /// must not become its own baseline) and returns the bucket for <paramref name="ticks"/>, which it remembers so that
    /// records within the same bucket skip all this.
    /// </summary>
    private int Advance(long ticks)
    {
        long epoch = ticks / _bucketTicks;
        int slot = (int)(epoch % Buckets);
        for (int i = 0; i < Buckets; i++)
        {
            if (_epochs[i] > epoch - Buckets)
            {
                continue;
            }

            if (_samples[i] > 0 && !_degraded)
            {
                double weight = Math.Min(_baselineSamples, BaselineMemory);
                _baselineTicks = ((_baselineTicks * weight) + _latencyTicks[i]) / (weight + _samples[i]);
                _baselineSamples += _samples[i];
            }

            Clear(i);
        }

        if (_epochs[slot] != epoch)
        {
            // Empty, unless the clock went back: counts from the "future" are dropped rather than mixed in.
            Clear(slot);
            _epochs[slot] = epoch;
        }

        _slot = slot;
        _bucketStartTicks = epoch * _bucketTicks;
        _bucketEndTicks = _bucketStartTicks + _bucketTicks;
        return slot;
    }

    private void Clear(int bucket)
    {
        if (_epochs[bucket] != long.MaxValue)
        {
            _windowSuccesses -= _successes[bucket];
            _windowSamples -= _samples[bucket];
            _windowFailures -= _failures[bucket];
            _windowLatencyTicks -= _latencyTicks[bucket];
        }

        _epochs[bucket] = long.MaxValue;
        _successes[bucket] = 0;
        _samples[bucket] = 0;
        _failures[bucket] = 0;
        _latencyTicks[bucket] = 0;
    }
}
