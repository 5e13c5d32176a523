using System;

namespace FailoverGen;

/// <summary>A provider failed with an error the chain handles: it fails over, or ends the call when none is left.</summary>
public sealed class AttemptFailed : FailoverEvent
{
    internal AttemptFailed(string chain, DateTimeOffset timestamp, FailoverAttempt attempt, int itemsDelivered)
        : base(chain, timestamp)
    {
        Attempt = attempt;
        ItemsDelivered = itemsDelivered;
    }

    /// <summary>The provider, the reason, the status code, the retry hint and the exception.</summary>
    public FailoverAttempt Attempt { get; }

    /// <summary>For a stream that failed after items reached the caller: how many did. Zero otherwise.</summary>
    public int ItemsDelivered { get; }
}
