using System;

namespace FailoverGen;

/// <summary>A call is about to send its request to a provider.</summary>
public sealed class AttemptStarted : FailoverEvent
{
    internal AttemptStarted(string chain, DateTimeOffset timestamp, string provider, int providerIndex, int attempt, bool isProbe)
        : base(chain, timestamp)
    {
        Provider = provider;
        ProviderIndex = providerIndex;
        Attempt = attempt;
        IsProbe = isProbe;
    }

    /// <summary>The provider's name in the chain.</summary>
    public string Provider { get; }

    /// <summary>Its position in the chain (0 is the primary).</summary>
    public int ProviderIndex { get; }

    /// <summary>Which provider of this call it is: 1 for the first one called, 2 for the first fallback called, and so on.</summary>
    public int Attempt { get; }

    /// <summary>True when the provider's cooldown has just ended and this call checks whether it has recovered.</summary>
    public bool IsProbe { get; }
}
