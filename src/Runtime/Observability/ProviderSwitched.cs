using System;

namespace FailoverGen;

/// <summary>A call succeeded on a provider after the ones before it failed or were skipped.</summary>
public sealed class ProviderSwitched : FailoverEvent
{
    internal ProviderSwitched(string chain, DateTimeOffset timestamp, FailoverSwitch change)
        : base(chain, timestamp)
    {
        Switch = change;
    }

    /// <summary>The provider that answered and the ones passed over.</summary>
    public FailoverSwitch Switch { get; }

    /// <summary>E.g. <c>⚡ Switched to openai/gpt-4o (anthropic/claude-opus-4 rate limited, retry after 20 s)</c>.</summary>
    public override string ToString() => Switch.ToString();
}
