namespace FailoverGen;

/// <summary>Whether a provider may be called now, and in what role.</summary>
internal enum Admission
{
    /// <summary>Healthy: call it.</summary>
    Normal,

    /// <summary>Its cooldown has ended: this call is the one recovery probe.</summary>
    Probe,

    /// <summary>Every provider is cooling down: this one is called anyway so the chain never fails untried.</summary>
    Forced,

    /// <summary>Cooling down: skip it.</summary>
    SkipCoolingDown,

    /// <summary>Another call is probing it: skip it.</summary>
    SkipProbeInFlight,
}
