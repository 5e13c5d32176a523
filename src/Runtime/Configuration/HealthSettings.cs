namespace FailoverGen;

/// <summary>
/// Degradation detection, under <c>Health</c>; each value overrides the <see cref="ProviderHealthOptions"/> property
/// of the same name. The measurement window is set in code only: changing it would discard the measurements.
/// </summary>
public sealed class HealthSettings
{
    /// <summary>Whether slow providers are moved after the healthy ones.</summary>
    public bool? DetectDegradation { get; set; }

    /// <summary>How many times its baseline a provider's recent latency must be to count as degraded.</summary>
    public double? DegradationFactor { get; set; }

    /// <summary>Successes needed in the window and in the baseline before a provider can be judged degraded.</summary>
    public int? DegradationMinimumSamples { get; set; }
}
