using System.Collections.Generic;

namespace FailoverGen;

/// <summary>A stream that has produced its first item (or ended empty): the point after which it is committed.</summary>
internal readonly struct StreamHead<TItem>
{
    public StreamHead(IAsyncEnumerator<TItem>? enumerator)
    {
        Enumerator = enumerator;
    }

    /// <summary>Positioned on the first item; null when the stream ended without any.</summary>
    public IAsyncEnumerator<TItem>? Enumerator { get; }
}
