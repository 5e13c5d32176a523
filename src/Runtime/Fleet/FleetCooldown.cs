using System;

namespace FailoverGen;

/// <summary>
/// A cooldown as instances tell each other about it. Its length is relative (<see cref="Remaining"/>), never an end
/// time, so clocks that disagree between machines cannot stretch or cut it.
/// </summary>
public sealed class FleetCooldown
{
    /// <param name="provider">The provider's name in the chain.</param>
    /// <param name="remaining">How long the provider is still skipped, from when the cooldown is sent or read.</param>
    /// <param name="reason">Why it is skipped.</param>
    /// <param name="group">The account group whose shared failure opened it, or null when the provider's own did.</param>
    /// <param name="evidence">What the provider sent: the status code and error code, for logs; may be null.</param>
    public FleetCooldown(string provider, TimeSpan remaining, FailoverReason reason, string? group = null, string? evidence = null)
    {
        Provider = provider ?? throw new ArgumentNullException(nameof(provider));
        Remaining = remaining;
        Reason = reason;
        Group = group;
        Evidence = evidence;
    }

    /// <summary>The provider's name in the chain.</summary>
    public string Provider { get; }

    /// <summary>How long the provider is still skipped, from when the cooldown is sent or read.</summary>
    public TimeSpan Remaining { get; }

    /// <summary>Why it is skipped.</summary>
    public FailoverReason Reason { get; }

    /// <summary>The account group whose shared failure opened it, or null when the provider's own did.</summary>
    public string? Group { get; }

    /// <summary>What the provider sent (status and error code), for logs; may be null.</summary>
    public string? Evidence { get; }
}
