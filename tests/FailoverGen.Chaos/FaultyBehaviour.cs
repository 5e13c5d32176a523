using System;
using System.Diagnostics;
using System.Threading;

namespace FailoverGen.Chaos;

/// <summary>
/// How one provider misbehaves, decided per request from a seeded random source: transient and odd faults at random,
/// and now and then (every few seconds of wall time, whatever the request rate) a rate-limit or quota episode during
/// which every request is refused, with the time left as its hint or without one. The provider remembers each hint it
/// gave, so a request that arrives while a hint it already sent is still running counts as a request into a known
/// cooldown.
/// </summary>
public sealed class FaultyBehaviour
{
    /// <summary>Time the chain gets to learn of a refusal before a new request counts against it.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(25);

    /// <summary>The mean time between two refusal episodes of one provider.</summary>
    private static readonly TimeSpan MeanEpisodeGap = TimeSpan.FromSeconds(3);

    private static readonly Fault[] OddFaults =
    {
        Fault.ServiceUnavailable, Fault.Overloaded, Fault.InternalError, Fault.Hang, Fault.StalledErrorBody, Fault.ConnectionReset,
        Fault.MalformedBody, Fault.BadRequest, Fault.UnknownException,
    };

    private readonly Random _random;
    private readonly double _faultRate;
    private long _nextEpisodeTimestamp;
    private long _episodeEndTimestamp;
    private Fault _episodeFault;
    private long _knownFromTimestamp;
    private long _knownUntilTimestamp;
    private long _intoKnownCooldown;
    private long _requests;

    public FaultyBehaviour(int seed, double faultRate)
    {
        _random = new Random(seed);
        _faultRate = faultRate;
        _nextEpisodeTimestamp = Stopwatch.GetTimestamp() + Ticks(NextGap());
    }

    public long Requests => Interlocked.Read(ref _requests);

    public long RequestsIntoKnownCooldown => Interlocked.Read(ref _intoKnownCooldown);

    /// <summary>Chooses what to do with a request arriving now; <paramref name="hint"/> is the wait to send with a refusal.</summary>
    public Fault Next(out TimeSpan hint, out TimeSpan latency)
    {
        lock (_random)
        {
            long now = Stopwatch.GetTimestamp();
            _requests++;
            hint = TimeSpan.Zero;
            latency = TimeSpan.FromMilliseconds(_random.Next(0, 5));
            if (now >= _knownFromTimestamp && now < _knownUntilTimestamp)
            {
                _intoKnownCooldown++;
            }

            if (now >= _nextEpisodeTimestamp)
            {
                TimeSpan length = TimeSpan.FromMilliseconds(_random.Next(300, 2000));
                _episodeEndTimestamp = now + Ticks(length);
                _nextEpisodeTimestamp = _episodeEndTimestamp + Ticks(NextGap());
                int kind = _random.Next(6);
                _episodeFault = kind < 3 ? Fault.RateLimitWithHint : kind < 5 ? Fault.RateLimitWithoutHint : Fault.Quota;
            }

            if (now < _episodeEndTimestamp)
            {
                hint = Stopwatch.GetElapsedTime(now, _episodeEndTimestamp);
                if (_episodeFault != Fault.RateLimitWithoutHint)
                {
                    Announce(now, hint);
                }

                return _episodeFault;
            }

            if (_random.NextDouble() >= _faultRate)
            {
                if (_random.Next(100) == 0)
                {
                    latency = TimeSpan.FromMilliseconds(_random.Next(100, 400));
                    return Fault.SlowSuccess;
                }

                return Fault.Success;
            }

            return OddFaults[_random.Next(OddFaults.Length)];
        }
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    /// <summary>Exponentially distributed, so episodes start at random moments.</summary>
    private TimeSpan NextGap() => TimeSpan.FromSeconds(-Math.Log(1 - _random.NextDouble()) * MeanEpisodeGap.TotalSeconds);

    /// <summary>From a grace period after the first refusal with a hint until that hint runs out, the chain knows.</summary>
    private void Announce(long now, TimeSpan hint)
    {
        if (now >= _knownUntilTimestamp)
        {
            _knownFromTimestamp = now + Ticks(Grace);
        }

        _knownUntilTimestamp = Math.Max(_knownUntilTimestamp, now + Ticks(hint));
    }
}
