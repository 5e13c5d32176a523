using System;
using System.Threading;

namespace FailoverGen;

/// <summary>
/// Where a call starts when <see cref="FallbackChainOptions.StickyDuration"/> is set: at the fallback that last
/// took over, for a window that starts at the switch and is never extended, then back at the primary.
/// </summary>
internal sealed class StickySelection
{
    private const int None = -1;

    private int _index = None;
    private long _untilUtcTicks;

    public StickySelection(TimeSpan duration)
    {
        Duration = duration;
    }

    public TimeSpan Duration { get; }

    /// <summary>The fallback calls start at, or -1 to start at the primary.</summary>
    /// <remarks>
    /// Reads the index and the window end without a lock: a torn pair (an index from one switch with the end of
    /// another) only starts one call at a provider that was sticky a moment ago, and every walk still visits the whole
    /// chain, so no call is lost or misrouted.
    /// </remarks>
    public int StartIndex(DateTimeOffset now)
    {
        int index = Volatile.Read(ref _index);
        return index != None && now.UtcTicks < Volatile.Read(ref _untilUtcTicks) ? index : None;
    }

    public void OnSuccess(int index, int primary, DateTimeOffset now)
    {
        if (index == primary)
        {
            // The primary answered: sticking to a fallback would only delay the return to it.
            if (Volatile.Read(ref _index) != None)
            {
                Volatile.Write(ref _index, None);
            }

            return;
        }

        if (index == Volatile.Read(ref _index) && now.UtcTicks < Volatile.Read(ref _untilUtcTicks))
        {
            return;
        }

        Volatile.Write(ref _untilUtcTicks, TimeMath.AddSaturating(now, Duration).UtcTicks);
        Volatile.Write(ref _index, index);
    }
}
