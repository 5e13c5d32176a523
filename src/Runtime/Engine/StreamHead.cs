using System;
using System.Collections.Generic;

namespace FailoverGen;

/// <summary>
/// A stream that has produced its first item (or ended empty): the point after which it is committed. It also carries
/// what the streaming loop needs once items flow: which provider answered, in which cooldown generation, the cursor to
/// resume the walk from, and the attempt's timing for the stream's events.
/// </summary>
internal sealed class StreamHead<TItem> : IWalkOutcome
{
    public StreamHead(IAsyncEnumerator<TItem>? enumerator, TItem first, StreamWatch? watch)
    {
        Enumerator = enumerator;
        First = first;
        Watch = watch;
    }

    /// <summary>What watches the stream for silence, when it has limits or a deadline; it goes with the stream.</summary>
    public StreamWatch? Watch { get; }

    /// <summary>The provider refused to continue an interrupted answer and started it over instead.</summary>
    public bool Restarted { get; set; }

    /// <summary>The provider's answer started over but began with what the caller had, and goes on from there.</summary>
    public bool Spliced { get; set; }

    /// <summary>Positioned on the first item; null when the stream ended without any.</summary>
    public IAsyncEnumerator<TItem>? Enumerator { get; }

    /// <summary>The first item, read while a failure could still fail over.</summary>
    public TItem First { get; }

    /// <summary>The <see cref="TimeProvider"/> timestamp at which the attempt started.</summary>
    public long Started { get; private set; }

    /// <summary>How long the attempt took to its first item, retries included.</summary>
    public TimeSpan TimeToFirstItem { get; private set; }

    /// <summary>Requests the attempt sent.</summary>
    public int Requests { get; private set; }

    /// <summary>The provider, its admission and its cooldown generation.</summary>
    public AttemptSlot Slot { get; private set; }

    /// <summary>Where the walk stands, to resume from if the stream fails and restarts elsewhere.</summary>
    public WalkCursor Cursor { get; private set; }

    public void RecordAttempt(long started, TimeSpan duration, int requests)
    {
        Started = started;
        TimeToFirstItem = duration;
        Requests = requests;
    }

    public void RecordWalk(in AttemptSlot slot, WalkCursor cursor)
    {
        Slot = slot;
        Cursor = cursor;
    }
}
