using System;

namespace FailoverGen;

/// <summary>
/// The points in the engine where something worth observing happens. Implementations must not throw and must be
/// cheap when nobody listens: they are called on the call path.
/// </summary>
internal interface IFailoverTelemetry
{
    /// <summary>
    /// True when someone follows successful attempts too (an observer, a logger at Debug, a metrics listener): only then
    /// does the engine report attempt starts and successes, which every healthy call would otherwise pay for.
    /// </summary>
    bool FollowsEveryAttempt { get; }

    /// <summary>The <paramref name="attempt"/>-th provider called in a call is about to receive its request.</summary>
    void AttemptStarted(int index, int attempt, Admission admission);

    /// <summary>A provider answered; for a stream, its stream ended, and <paramref name="timeToFirstItem"/> and <paramref name="items"/> are set.</summary>
    void AttemptSucceeded(int index, int attempt, TimeSpan duration, int requests, TimeSpan? timeToFirstItem, int? items);

    /// <summary>A provider failed with an error the chain handles (after <paramref name="itemsDelivered"/> stream items).</summary>
    void AttemptFailed(FailoverAttempt attempt, int callAttempt, int itemsDelivered);

    /// <summary>A provider was passed by without a request.</summary>
    void AttemptSkipped(FailoverAttempt attempt);

    /// <summary>A call succeeded on a provider after others were passed over.</summary>
    void Switched(FailoverSwitch change);

    /// <summary>A provider's cooldown started or moved; <paramref name="group"/> is set when its account's failure caused it.</summary>
    void CooldownOpened(int index, DateTimeOffset until, in FailureClassification evidence, string? group);

    /// <summary>A success ended a provider's cooldown; <paramref name="byProbe"/> when it was the recovery probe.</summary>
    void Recovered(int index, bool byProbe);

    /// <summary>Another instance of the app reported a cooldown, now applied here until <paramref name="until"/>.</summary>
    void FleetCooldownApplied(int index, DateTimeOffset until, FailoverReason reason, string? group);

    /// <summary>Another instance of the app called a cooling provider successfully, so its cooldown ended here too.</summary>
    void FleetRecovered(int index);

    /// <summary>A stream that broke after <paramref name="itemsDelivered"/> items goes on from provider <paramref name="index"/>.</summary>
    void StreamResumed(int failedIndex, int index, int itemsDelivered, bool continued);

    /// <summary>A recovery probe failed, so the provider cools down again.</summary>
    void ProbeFailed(int index);

    /// <summary>A call ended with every provider failed or skipped.</summary>
    void Exhausted(FallbackChainExhaustedException exhausted);

    /// <summary>A provider's latency moved it after the healthy providers, or it is back in its place.</summary>
    void DegradationChanged(int index, bool degraded, TimeSpan latency, TimeSpan baseline);
}
