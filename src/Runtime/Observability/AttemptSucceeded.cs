using System;

namespace FailoverGen;

/// <summary>A provider answered. For a stream, reported when the stream ends, with its time to first item.</summary>
public sealed class AttemptSucceeded : FailoverEvent
{
    internal AttemptSucceeded(
        string chain, DateTimeOffset timestamp, string provider, int providerIndex, int attempt, TimeSpan duration, int requests, TimeSpan? timeToFirstItem, int? items)
        : base(chain, timestamp)
    {
        Provider = provider;
        ProviderIndex = providerIndex;
        Attempt = attempt;
        Duration = duration;
        Requests = requests;
        TimeToFirstItem = timeToFirstItem;
        Items = items;
    }

    /// <summary>The provider that answered.</summary>
    public string Provider { get; }

    /// <summary>Its position in the chain (0 is the primary).</summary>
    public int ProviderIndex { get; }

    /// <summary>Which provider of this call it was (1 when the first one called answered).</summary>
    public int Attempt { get; }

    /// <summary>Time on this provider, retries included; for a stream, until its last item.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Requests sent to this provider in this call (more than 1 after transient retries).</summary>
    public int Requests { get; }

    /// <summary>For a stream: how long its first item took. Null for other calls.</summary>
    public TimeSpan? TimeToFirstItem { get; }

    /// <summary>For a stream: how many items reached the caller. Null for other calls.</summary>
    public int? Items { get; }
}
