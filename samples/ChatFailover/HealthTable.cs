using System;
using FailoverGen;

namespace ChatFailover;

/// <summary>Prints a chain's health snapshot as a table, one provider per row.</summary>
public static class HealthTable
{
    public static void Print(FallbackChainHealth health)
    {
        Console.WriteLine($"Provider health ({health.Status}): {health.Description}");
        Console.WriteLine($"  {"provider",-28} {"state",-12} {"ok",3} {"failed",6} {"p50",8} {"last error",-14}");
        foreach (ProviderHealth provider in health.Providers)
        {
            string state = provider.State == ProviderState.Available && provider.IsDegraded ? "Degraded" : provider.State.ToString();
            string p50 = provider.LatencyP50 is TimeSpan latency ? $"{latency.TotalMilliseconds:0} ms" : "-";
            Console.WriteLine(
                $"  {provider.Name,-28} {state,-12} {provider.Successes,3} {provider.Failures,6} {p50,8} {provider.LastFailureReason?.Describe() ?? "-",-14}");
        }
    }
}
