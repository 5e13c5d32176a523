using System;

namespace FailoverGen;

/// <summary>A provider will be skipped until <see cref="Until"/>, or its cooldown was extended to then.</summary>
public sealed class CooldownOpened : FailoverEvent
{
    internal CooldownOpened(string chain, DateTimeOffset timestamp, string provider, int providerIndex, DateTimeOffset until, in FailureClassification evidence, string? group, bool fromFleet = false)
        : base(chain, timestamp)
    {
        FromFleet = fromFleet;
        Provider = provider;
        ProviderIndex = providerIndex;
        Until = until;
        Evidence = evidence;
        Group = group;
    }

    /// <summary>The provider that cools down.</summary>
    public string Provider { get; }

    /// <summary>Its position in the chain (0 is the primary).</summary>
    public int ProviderIndex { get; }

    /// <summary>When the provider is tried again.</summary>
    public DateTimeOffset Until { get; }

    /// <summary>The failure that opened it: reason, status code, retry hint and the provider's error code.</summary>
    public FailureClassification Evidence { get; }

    /// <summary>Set when another provider of the same account (group) failed in a way that holds for the whole account.</summary>
    public string? Group { get; }

    /// <summary>
    /// True when another instance of the app opened the cooldown and its <see cref="ICooldownFleet"/> told this one; the
    /// evidence then holds the reason alone.
    /// </summary>
    public bool FromFleet { get; }

    /// <summary>The reason the provider cools down.</summary>
    public FailoverReason Reason => Evidence.Reason;
}
