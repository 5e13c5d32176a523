using System;

namespace FailoverGen;

/// <summary>
/// The points in the engine where something worth observing happens. Implementations must not throw and must be
/// cheap when nobody listens: they are called on the call path.
/// </summary>
internal interface IFailoverTelemetry
{
    /// <summary>A provider was passed over in a call: it failed with a fallback-eligible error, or it was skipped.</summary>
    void PassedOver(FailoverAttempt attempt);

    /// <summary>A call succeeded on a provider after others were passed over.</summary>
    void Switched(FailoverSwitch change);

    /// <summary>A provider's cooldown started or moved; <paramref name="group"/> is set when its account's failure caused it.</summary>
    void CooldownOpened(string provider, DateTimeOffset until, in FailureClassification evidence, string? group);

    /// <summary>A success ended a provider's cooldown.</summary>
    void Recovered(string provider);

    /// <summary>A call ended with every provider failed or skipped.</summary>
    void Exhausted(FallbackChainExhaustedException exhausted);
}
