using System;
using System.Collections.Generic;

namespace FailoverGen.Tests.Fakes;

/// <summary>Records what the engine reports at its telemetry points that change the walk, as text lines in order.</summary>
internal sealed class RecordingTelemetry : IFailoverTelemetry
{
    private readonly List<string> _events = new();

    public IReadOnlyList<string> Events
    {
        get
        {
            lock (_events)
            {
                return _events.ToArray();
            }
        }
    }

    public bool FollowsEveryAttempt => true;

    public void AttemptStarted(int index, int attempt, Admission admission)
    {
    }

    public void AttemptSucceeded(int index, int attempt, TimeSpan duration, int requests, TimeSpan? timeToFirstItem, int? items)
    {
    }

    public void AttemptFailed(FailoverAttempt attempt, int callAttempt, int itemsDelivered) => Add("passed over " + attempt);

    public void AttemptSkipped(FailoverAttempt attempt) => Add("passed over " + attempt);

    public void Switched(FailoverSwitch change) => Add("switched to " + change.ProviderName);

    public void CooldownOpened(int index, DateTimeOffset until, in FailureClassification evidence, string? group) =>
        Add($"cooldown {index} until {until:HH:mm:ss} ({evidence.Reason}{(group is null ? string.Empty : ", group " + group)})");

    public void Recovered(int index, bool byProbe) => Add("recovered " + index);

    public void FleetCooldownApplied(int index, DateTimeOffset until, FailoverReason reason, string? group) => Add($"fleet cooldown {index} until {until:HH:mm:ss} ({reason})");

    public void FleetRecovered(int index) => Add("fleet recovered " + index);

    public void StreamResumed(int failedIndex, int index, int itemsDelivered, bool continued) =>
        Add($"stream resumed from {failedIndex} on {index} after {itemsDelivered} ({(continued ? "continued" : "restarted")})");

    public void ProbeFailed(int index) => Add("probe failed " + index);

    public void Exhausted(FallbackChainExhaustedException exhausted) => Add("exhausted " + exhausted.Attempts.Count);

    public void DegradationChanged(int index, bool degraded, TimeSpan latency, TimeSpan baseline) => Add($"degraded {index} {degraded}");

    private void Add(string line)
    {
        lock (_events)
        {
            _events.Add(line);
        }
    }
}
