using System.Collections.Generic;

namespace FailoverGen;

/// <summary>A stream that has produced its first item (or ended empty): the point after which it is committed.</summary>
internal readonly struct StreamHead<TItem>
{
    public StreamHead(IAsyncEnumerator<TItem>? enumerator, TItem first)
    {
        Enumerator = enumerator;
        First = first;
    }

    /// <summary>Positioned on the first item; null when the stream ended without any.</summary>
    public IAsyncEnumerator<TItem>? Enumerator { get; }

    /// <summary>The first item, read while a failure could still fail over.</summary>
    public TItem First { get; }
}
