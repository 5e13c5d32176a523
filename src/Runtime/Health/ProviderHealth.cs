using System;
using System.Globalization;
using System.Text;

namespace FailoverGen;

/// <summary>One provider's health at one moment, as <see cref="FallbackChain{TProvider}.GetHealth"/> reports it.</summary>
public sealed class ProviderHealth
{
    internal ProviderHealth(string name, int index, in CooldownStatus cooldown)
    {
        Name = name;
        Index = index;
        State = cooldown.State;
        CoolingUntil = cooldown.Until;
        CooldownReason = cooldown.Reason;
        CooldownGroup = cooldown.Group;
    }

    /// <summary>The provider's name in the chain.</summary>
    public string Name { get; }

    /// <summary>Its position in the chain (0 is the primary).</summary>
    public int Index { get; }

    /// <summary>Available, cooling down or being probed.</summary>
    public ProviderState State { get; }

    /// <summary>When its cooldown ends, while it is cooling down.</summary>
    public DateTimeOffset? CoolingUntil { get; }

    /// <summary>Why it is cooling down or being probed.</summary>
    public FailoverReason? CooldownReason { get; }

    /// <summary>The account (group) whose failure cooled it, when another provider of the group failed.</summary>
    public string? CooldownGroup { get; }

    /// <summary>Successes within <see cref="ProviderHealthOptions.Window"/>.</summary>
    public int Successes { get; internal set; }

    /// <summary>Failures the chain handled within <see cref="ProviderHealthOptions.Window"/>.</summary>
    public int Failures { get; internal set; }

    /// <summary>Failures as a share of calls within the window, from 0 to 1; 0 when it had no calls.</summary>
    public double FailureRate => Successes + Failures == 0 ? 0 : (double)Failures / (Successes + Failures);

    /// <summary>Successes since the chain was built.</summary>
    public long TotalSuccesses { get; internal set; }

    /// <summary>Handled failures since the chain was built.</summary>
    public long TotalFailures { get; internal set; }

    /// <summary>Failures since its last success.</summary>
    public int ConsecutiveFailures { get; internal set; }

    /// <summary>Mean latency of its successes within the window; null when it had none.</summary>
    public TimeSpan? Latency { get; internal set; }

    /// <summary>Median latency of its last 64 successes.</summary>
    public TimeSpan? LatencyP50 { get; internal set; }

    /// <summary>95th percentile latency of its last 64 successes.</summary>
    public TimeSpan? LatencyP95 { get; internal set; }

    /// <summary>Its usual latency: the mean of successes from before the window; null until one has left it.</summary>
    public TimeSpan? BaselineLatency { get; internal set; }

    /// <summary>True when its recent latency is high enough over the baseline that it is tried after the healthy providers.</summary>
    public bool IsDegraded { get; internal set; }

    /// <summary>The reason of its last failure.</summary>
    public FailoverReason? LastFailureReason { get; internal set; }

    /// <summary>When it last failed.</summary>
    public DateTimeOffset? LastFailureAt { get; internal set; }

    /// <summary>When it last answered.</summary>
    public DateTimeOffset? LastSuccessAt { get; internal set; }

    /// <summary>E.g. <c>google/gemini-2.5-flash: cooling down until 12:00:20 (rate limited), 3 ok / 1 failed, p50 420 ms</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(Name).Append(": ");
        switch (State)
        {
            case ProviderState.CoolingDown:
                text.Append("cooling down until ").Append(CoolingUntil?.ToString("HH:mm:ss", CultureInfo.InvariantCulture))
                    .Append(" (").Append(CooldownReason?.Describe()).Append(')');
                break;
            case ProviderState.Probing:
                text.Append("probing");
                break;
            default:
                text.Append(IsDegraded ? "degraded" : "available");
                break;
        }

        text.Append(", ").Append(Successes).Append(" ok / ").Append(Failures).Append(" failed");
        if (LatencyP50 is TimeSpan p50)
        {
            text.Append(", p50 ").Append(DurationText.Format(p50));
        }

        return text.ToString();
    }
}
