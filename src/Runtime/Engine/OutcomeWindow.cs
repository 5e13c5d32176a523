using System;
using System.Threading;

namespace FailoverGen;

/// <summary>
/// Successes and failures of one provider over a rolling sampling window, kept in time buckets the way Polly's
/// circuit breaker keeps its health metrics. Recording is lock-free because successes are recorded on the hot path.
/// </summary>
/// <remarks>
/// A bucket is reused when its slot comes round again: the thread that sees the stale epoch claims the slot with a
/// compare-exchange and zeroes its counts. An increment by another thread between that claim and the zeroing can be
/// lost. The counts feed a ratio over many calls, so losing one in a race never changes a decision in a way a
/// slightly different arrival order would not.
/// </remarks>
internal sealed class OutcomeWindow
{
    private const int BucketCount = 10;
    private readonly Bucket[] _buckets = new Bucket[BucketCount];
    private readonly long _bucketTicks;
    private int _untimed;
    private long _lastEpoch = long.MinValue;

    public OutcomeWindow(TimeSpan samplingDuration)
    {
        _bucketTicks = Math.Max(1, samplingDuration.Ticks / BucketCount);
        for (int i = 0; i < BucketCount; i++)
        {
            _buckets[i].Epoch = long.MinValue;
        }
    }

    /// <summary>
    /// Counts a success recorded without the time (the direct path samples its clock reads). It is added at the next
    /// timed record to the bucket of the one before, which it followed: it leaves the window a little early rather than
    /// late, so it never holds back a cooldown the failures call for.
    /// </summary>
    public void CountUntimedSuccess() => _untimed++;

    public void Record(DateTimeOffset now, bool failed)
    {
        long epoch = now.UtcTicks / _bucketTicks;
        FoldUntimed(epoch);
        Volatile.Write(ref _lastEpoch, epoch);
        ref Bucket bucket = ref _buckets[(int)(epoch % BucketCount)];
        long seen = Volatile.Read(ref bucket.Epoch);
        if (seen != epoch && Interlocked.CompareExchange(ref bucket.Epoch, epoch, seen) == seen)
        {
            Volatile.Write(ref bucket.Successes, 0);
            Volatile.Write(ref bucket.Failures, 0);
        }

        if (failed)
        {
            Interlocked.Increment(ref bucket.Failures);
        }
        else
        {
            Interlocked.Increment(ref bucket.Successes);
        }
    }

    /// <summary>Failures and all outcomes recorded in the window that ends at <paramref name="now"/>.</summary>
    public (int Failures, int Total) Totals(DateTimeOffset now)
    {
        long current = now.UtcTicks / _bucketTicks;
        int failures = 0;
        int total = 0;
        for (int i = 0; i < BucketCount; i++)
        {
            ref Bucket bucket = ref _buckets[i];
            long epoch = Volatile.Read(ref bucket.Epoch);
            if (epoch > current - BucketCount && epoch <= current)
            {
                int f = Volatile.Read(ref bucket.Failures);
                failures += f;
                total += f + Volatile.Read(ref bucket.Successes);
            }
        }

        return (failures, total);
    }

    private void FoldUntimed(long current)
    {
        if (Volatile.Read(ref _untimed) == 0)
        {
            return;
        }

        int untimed = Interlocked.Exchange(ref _untimed, 0);
        long last = Volatile.Read(ref _lastEpoch);
        if (last <= current - BucketCount || last > current)
        {
            // The bucket they belong to has left the window (or the clock went back): they no longer count.
            return;
        }

        ref Bucket bucket = ref _buckets[(int)(last % BucketCount)];
        if (Volatile.Read(ref bucket.Epoch) == last)
        {
            Interlocked.Add(ref bucket.Successes, untimed);
        }
    }

    /// <summary>Forgets every outcome: a cooldown judged them, so they must not count towards the next one.</summary>
    public void Clear()
    {
        Volatile.Write(ref _untimed, 0);
        for (int i = 0; i < BucketCount; i++)
        {
            Volatile.Write(ref _buckets[i].Epoch, long.MinValue);
        }
    }

    private struct Bucket
    {
        public long Epoch;
        public int Successes;
        public int Failures;
    }
}
