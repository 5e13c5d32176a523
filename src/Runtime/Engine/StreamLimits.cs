using System;

namespace FailoverGen;

/// <summary>The time limits of one stream, taken from the options in force when it starts.</summary>
internal sealed class StreamLimits
{
    public StreamLimits(TimeProvider time, TimeSpan?[] firstItem, TimeSpan? idle)
    {
        Time = time;
        FirstItem = firstItem;
        Idle = idle;
    }

    public TimeProvider Time { get; }

    /// <summary>Per provider, the longest wait for the first item of an attempt; null for none.</summary>
    public TimeSpan?[] FirstItem { get; }

    /// <summary>The longest wait for each later item; null for none.</summary>
    public TimeSpan? Idle { get; }
}
