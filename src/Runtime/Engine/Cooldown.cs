using System;

namespace FailoverGen;

/// <summary>Why a provider was skipped: how long its cooldown has left, the failure behind it and, when its account's failure started it, the group.</summary>
internal readonly struct Cooldown
{
    public Cooldown(TimeSpan remaining, FailoverReason reason, string? group)
    {
        Remaining = remaining;
        Reason = reason;
        Group = group;
    }

    public TimeSpan Remaining { get; }

    public FailoverReason Reason { get; }

    public string? Group { get; }
}
