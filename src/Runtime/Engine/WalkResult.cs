namespace FailoverGen;

/// <summary>A successful walk: the result, the provider that gave it, and the cursor to resume from.</summary>
internal readonly struct WalkResult<TResult>
{
    public WalkResult(TResult result, int index, Admission admission, long generation, WalkCursor cursor)
    {
        Result = result;
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
}
