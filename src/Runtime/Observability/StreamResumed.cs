using System;

namespace FailoverGen;

/// <summary>
/// A stream that failed after items reached the caller goes on from another provider: continuing the answer
/// (<see cref="Continued"/>), or starting it over, in which case the caller should discard the
/// <see cref="ItemsToDiscard"/> items it already received.
/// </summary>
public sealed class StreamResumed : FailoverEvent
{
    internal StreamResumed(string chain, DateTimeOffset timestamp, string failedProvider, string provider, int itemsDelivered, bool continued)
        : base(chain, timestamp)
    {
        FailedProvider = failedProvider;
        Provider = provider;
        ItemsDelivered = itemsDelivered;
        Continued = continued;
    }

    /// <summary>The provider whose stream broke.</summary>
    public string FailedProvider { get; }

    /// <summary>The provider whose stream the caller reads from now.</summary>
    public string Provider { get; }

    /// <summary>Items the caller had received before the stream broke.</summary>
    public int ItemsDelivered { get; }

    /// <summary>True when the new provider continues the answer; false when it starts over.</summary>
    public bool Continued { get; }

    /// <summary>Items the caller received that the new answer replaces: all of them on a restart, none on a continuation.</summary>
    public int ItemsToDiscard => Continued ? 0 : ItemsDelivered;
}
