using System;
using System.Collections.Generic;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FailoverGen;

/// <summary>A chain's health at one moment: one entry per provider, primary first, and an overall status.</summary>
public sealed class FallbackChainHealth
{
    internal FallbackChainHealth(string chain, DateTimeOffset timestamp, IReadOnlyList<ProviderHealth> providers)
    {
        Chain = chain;
        Timestamp = timestamp;
        Providers = providers;
        int available = 0;
        int degraded = 0;
        foreach (ProviderHealth provider in providers)
        {
            if (provider.State == ProviderState.Available)
            {
                available++;
                degraded += provider.IsDegraded ? 1 : 0;
            }
        }

        Status = available == 0 ? HealthStatus.Unhealthy
            : available < providers.Count || degraded > 0 ? HealthStatus.Degraded
            : HealthStatus.Healthy;
        Description = Status switch
        {
            HealthStatus.Unhealthy => $"No provider of {chain} takes calls now: all {providers.Count} are cooling down or being probed.",
            HealthStatus.Degraded => $"{available} of {providers.Count} providers of {chain} take calls now" + (degraded > 0 ? $", {degraded} of them slow." : "."),
            _ => $"All {providers.Count} providers of {chain} take calls.",
        };
    }

    /// <summary>The chain's name.</summary>
    public string Chain { get; }

    /// <summary>When the snapshot was taken.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>
    /// <see cref="HealthStatus.Healthy"/> when every provider takes calls at its usual speed;
    /// <see cref="HealthStatus.Degraded"/> when some are cooling down, being probed or slow but at least one takes
    /// calls; <see cref="HealthStatus.Unhealthy"/> when none does (calls then only reach a provider as a forced try).
    /// </summary>
    public HealthStatus Status { get; }

    /// <summary>One sentence that says how many providers take calls.</summary>
    public string Description { get; }

    /// <summary>Each provider's health, primary first.</summary>
    public IReadOnlyList<ProviderHealth> Providers { get; }
}
