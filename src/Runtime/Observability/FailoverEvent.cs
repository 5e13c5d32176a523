using System;

namespace FailoverGen;

/// <summary>Something that happened in a chain, as a <see cref="FailoverObserver"/> receives it.</summary>
public abstract class FailoverEvent
{
    private protected FailoverEvent(string chain, DateTimeOffset timestamp)
    {
        Chain = chain;
        Timestamp = timestamp;
    }

    /// <summary>The chain's name (<see cref="FallbackChainOptions.Name"/>).</summary>
    public string Chain { get; }

    /// <summary>When it happened, by the chain's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset Timestamp { get; }
}
