namespace FailoverGen;

/// <summary>Whether a provider takes calls now.</summary>
public enum ProviderState
{
    /// <summary>Calls go to it (after the healthy providers if it is degraded).</summary>
    Available,

    /// <summary>Skipped until its cooldown ends.</summary>
    CoolingDown,

    /// <summary>Its cooldown ended and one call is checking whether it recovered; other calls skip it meanwhile.</summary>
    Probing,
}
