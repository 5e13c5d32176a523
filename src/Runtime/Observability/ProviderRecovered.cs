using System;

namespace FailoverGen;

/// <summary>A provider that was cooling down answered again: its cooldown is over.</summary>
public sealed class ProviderRecovered : FailoverEvent
{
    internal ProviderRecovered(string chain, DateTimeOffset timestamp, string provider, int providerIndex, bool byProbe, bool fromFleet = false)
        : base(chain, timestamp)
    {
        FromFleet = fromFleet;
        Provider = provider;
        ProviderIndex = providerIndex;
        ByProbe = byProbe;
    }

    /// <summary>The provider that recovered.</summary>
    public string Provider { get; }

    /// <summary>Its position in the chain (0 is the primary).</summary>
    public int ProviderIndex { get; }

    /// <summary>True when another instance of the app called the provider successfully and its <see cref="ICooldownFleet"/> told this one.</summary>
    public bool FromFleet { get; }

    /// <summary>True when the recovery probe succeeded; false when a request admitted before the cooldown did.</summary>
    public bool ByProbe { get; }
}
