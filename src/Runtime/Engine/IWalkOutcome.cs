using System;

namespace FailoverGen;

/// <summary>
/// A result that needs to know how the walk reached it. Only streams do: they keep walking after their first item, so
/// their head remembers the provider, its cooldown generation, the cursor to resume from and the attempt's timing.
/// Other calls return the provider's value alone, so nothing larger is copied through their awaits.
/// </summary>
internal interface IWalkOutcome
{
    /// <summary>Called by the attempt that produced the result.</summary>
    void RecordAttempt(long started, TimeSpan duration, int requests);

    /// <summary>Called by the walk once the result is its answer.</summary>
    void RecordWalk(in AttemptSlot slot, WalkCursor cursor);
}
