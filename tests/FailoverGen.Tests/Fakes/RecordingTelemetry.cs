using System;
using System.Collections.Generic;

namespace FailoverGen.Tests.Fakes;

/// <summary>Records what the engine reports at its telemetry points, as text lines in order.</summary>
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

    public void PassedOver(FailoverAttempt attempt) => Add("passed over " + attempt);

    public void Switched(FailoverSwitch change) => Add("switched to " + change.ProviderName);

    public void CooldownOpened(string provider, DateTimeOffset until, in FailureClassification evidence, string? group) =>
        Add($"cooldown {provider} until {until:HH:mm:ss} ({evidence.Reason}{(group is null ? string.Empty : ", group " + group)})");

    public void Recovered(string provider) => Add("recovered " + provider);

    public void Exhausted(FallbackChainExhaustedException exhausted) => Add("exhausted " + exhausted.Attempts.Count);

    private void Add(string line)
    {
        lock (_events)
        {
            _events.Add(line);
        }
    }
}
