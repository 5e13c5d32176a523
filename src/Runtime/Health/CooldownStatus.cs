using System;

namespace FailoverGen;

/// <summary>A provider's cooldown state as the store reports it for a health snapshot.</summary>
internal readonly struct CooldownStatus
{
    public CooldownStatus(ProviderState state, DateTimeOffset? until, FailoverReason? reason, string? group)
    {
        State = state;
        Until = until;
        Reason = reason;
        Group = group;
    }

    public ProviderState State { get; }

    public DateTimeOffset? Until { get; }

    public FailoverReason? Reason { get; }

    public string? Group { get; }
}
