using System;

namespace FailoverGen;

/// <summary>
/// Decides which direct-path successes of one provider read the clock. Reading it costs more than the rest of a call
/// that completes at once, so busy providers measure one success in eight, and every success that comes 50 ms or more
/// after the last measured one: a quiet provider is measured every time, so health and degradation see what they saw
/// before. With a <see cref="TimeProvider"/> other than the system's (tests, simulations) every success is measured, so
/// their results stay exact.
/// </summary>
/// <remarks>
/// The gap is read from <c>Environment.TickCount64</c>, a coarse clock that costs a fraction of a precise
/// read; it only decides whether to measure, and every recorded time still comes from the chain's TimeProvider. The
/// fields are read and written without synchronisation: a race measures one call more or fewer.
/// </remarks>
internal sealed class LatencySampler
{
    internal const int Every = 8;
    internal const long MaxGapMilliseconds = 50;

    private readonly bool _always;
    private readonly Func<long> _ticks;
    private int _count;
    // As if measured one gap before the clock's start, so the first call is measured and the subtraction cannot overflow.
    private long _lastMeasured = -MaxGapMilliseconds;

    public LatencySampler(TimeProvider time)
#if NET
        : this(!ReferenceEquals(time, TimeProvider.System), static () => Environment.TickCount64)
#else
        : this(!ReferenceEquals(time, TimeProvider.System), static () => (uint)Environment.TickCount)
#endif
    {
    }

    internal LatencySampler(bool always, Func<long> milliseconds)
    {
        _always = always;
        _ticks = milliseconds;
    }

    public bool ShouldMeasure()
    {
        if (_always)
        {
            return true;
        }

        long now = _ticks();
        if ((++_count & (Every - 1)) != 0 && now - _lastMeasured < MaxGapMilliseconds)
        {
            return false;
        }

        _lastMeasured = now;
        return true;
    }
}
