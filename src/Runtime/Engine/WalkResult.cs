using System;

namespace FailoverGen;

/// <summary>A successful walk: the result, the provider that gave it, and the cursor to resume from.</summary>
internal readonly struct WalkResult<TResult>
{
    public WalkResult(in ProviderOutcome<TResult> outcome, int index, Admission admission, long generation, WalkCursor cursor)
    {
        Result = outcome.Result;
        Started = outcome.Started;
        Duration = outcome.Duration;
        Requests = outcome.Requests;
        Index = index;
        Admission = admission;
        Generation = generation;
        Cursor = cursor;
    }

    public TResult Result { get; }

    public int Index { get; }

    public Admission Admission { get; }

    public long Generation { get; }

    public WalkCursor Cursor { get; }

    /// <summary>The <see cref="TimeProvider"/> timestamp at which the answering provider was called.</summary>
    public long Started { get; }

    /// <summary>Time on the answering provider; for a stream, until its first item.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Requests sent to the answering provider.</summary>
    public int Requests { get; }
}
