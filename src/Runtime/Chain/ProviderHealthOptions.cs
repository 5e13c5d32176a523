using System;

namespace FailoverGen;

/// <summary>
/// How provider health is measured and when a slow provider is moved back. Every success records its latency; the
/// health snapshot, the <c>/status</c> health check and degradation detection read these measurements.
/// </summary>
/// <remarks>
/// A provider is degraded when the mean latency of its successes within <see cref="Window"/> (at least
/// <see cref="DegradationMinimumSamples"/> of them) exceeds <see cref="DegradationFactor"/> times its baseline: the
/// mean of its latencies from before that window (also at least <see cref="DegradationMinimumSamples"/>). A degraded
/// provider is tried after the healthy ones. It is back in its place once its window mean drops under the threshold,
/// or once a whole window passes without a success from it, so that it gets traffic again and can show it recovered.
/// </remarks>
public sealed class ProviderHealthOptions
{
    /// <summary>How far back success and failure counts, rates and the recent latency reach. Default 1 minute.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Whether slow providers are moved after the healthy ones. Default true.</summary>
    public bool DetectDegradation { get; set; } = true;

    /// <summary>How many times its baseline a provider's recent latency must be to count as degraded. Default 3.</summary>
    public double DegradationFactor { get; set; } = 3;

    /// <summary>
    /// Successes needed both in the window and in the baseline before a provider can be judged degraded, so a single
    /// slow answer never moves it. Default 10.
    /// </summary>
    public int DegradationMinimumSamples { get; set; } = 10;

    internal ProviderHealthOptions Clone() => (ProviderHealthOptions)MemberwiseClone();

    internal void Validate()
    {
        const string Prefix = nameof(FallbackChainOptions.Health) + ".";
        if (Window < TimeSpan.FromSeconds(1) || Window > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(Window), Window, Prefix + nameof(Window) + " must be between 1 second and 1 day.");
        }

        if (!(DegradationFactor > 1) || double.IsInfinity(DegradationFactor))
        {
            throw new ArgumentOutOfRangeException(
                nameof(DegradationFactor),
                DegradationFactor,
                Prefix + nameof(DegradationFactor) + " must be a finite number above 1 (3 means three times the usual latency); set DetectDegradation to false to turn detection off.");
        }

        if (DegradationMinimumSamples < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(DegradationMinimumSamples),
                DegradationMinimumSamples,
                Prefix + nameof(DegradationMinimumSamples) + " must be at least 1.");
        }
    }
}
