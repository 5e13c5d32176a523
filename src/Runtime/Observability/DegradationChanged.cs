using System;

namespace FailoverGen;

/// <summary>
/// A provider became slow enough to be tried after the healthy ones (its recent latency exceeds
/// <see cref="ProviderHealthOptions.DegradationFactor"/> times its baseline), or it is back to normal.
/// </summary>
public sealed class DegradationChanged : FailoverEvent
{
    internal DegradationChanged(string chain, DateTimeOffset timestamp, string provider, int providerIndex, bool isDegraded, TimeSpan latency, TimeSpan baseline)
        : base(chain, timestamp)
    {
        Provider = provider;
        ProviderIndex = providerIndex;
        IsDegraded = isDegraded;
        Latency = latency;
        Baseline = baseline;
    }

    /// <summary>The provider.</summary>
    public string Provider { get; }

    /// <summary>Its position in the chain (0 is the primary).</summary>
    public int ProviderIndex { get; }

    /// <summary>True when it is now tried after the healthy providers; false when it is back in its place.</summary>
    public bool IsDegraded { get; }

    /// <summary>Its mean latency over the health window.</summary>
    public TimeSpan Latency { get; }

    /// <summary>The latency it usually has.</summary>
    public TimeSpan Baseline { get; }
}
