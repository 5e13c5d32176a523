namespace FailoverGen;

/// <summary>What the chain does with a failure no classifier recognises.</summary>
public enum UnknownErrorHandling
{
    /// <summary>Continue to the next provider; on the last one the call ends in <see cref="FallbackChainExhaustedException"/>.</summary>
    FailOver = 0,

    /// <summary>Rethrow the original exception unchanged.</summary>
    Rethrow,
}
