using System;

namespace FailoverGen;

/// <summary>A call passed a provider by without a request: it was cooling down, or another call was probing it.</summary>
public sealed class AttemptSkipped : FailoverEvent
{
    internal AttemptSkipped(string chain, DateTimeOffset timestamp, FailoverAttempt attempt)
        : base(chain, timestamp)
    {
        Attempt = attempt;
    }

    /// <summary>The provider, why it is cooling down and how much of the cooldown is left.</summary>
    public FailoverAttempt Attempt { get; }
}
