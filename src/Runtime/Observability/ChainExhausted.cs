using System;

namespace FailoverGen;

/// <summary>A call ended with every provider failed or skipped.</summary>
public sealed class ChainExhausted : FailoverEvent
{
    internal ChainExhausted(string chain, DateTimeOffset timestamp, FallbackChainExhaustedException exception)
        : base(chain, timestamp)
    {
        Exception = exception;
    }

    /// <summary>The error the caller receives, naming every provider and why it was passed over.</summary>
    public FallbackChainExhaustedException Exception { get; }
}
