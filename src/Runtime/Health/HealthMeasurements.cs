using System;

namespace FailoverGen;

/// <summary>What a <see cref="ProviderHealthTracker"/> measured, read in one go under its lock.</summary>
internal readonly struct HealthMeasurements
{
    public HealthMeasurements(
        int successes,
        int failures,
        long totalSuccesses,
        long totalFailures,
        int consecutiveFailures,
        TimeSpan? latency,
        TimeSpan? latencyP50,
        TimeSpan? latencyP95,
        TimeSpan? baseline,
        bool degraded,
        FailoverReason? lastFailureReason,
        DateTimeOffset? lastFailureAt,
        DateTimeOffset? lastSuccessAt)
    {
        Successes = successes;
        Failures = failures;
        TotalSuccesses = totalSuccesses;
        TotalFailures = totalFailures;
        ConsecutiveFailures = consecutiveFailures;
        Latency = latency;
        LatencyP50 = latencyP50;
        LatencyP95 = latencyP95;
        Baseline = baseline;
        Degraded = degraded;
        LastFailureReason = lastFailureReason;
        LastFailureAt = lastFailureAt;
        LastSuccessAt = lastSuccessAt;
    }

    public int Successes { get; }

    public int Failures { get; }

    public long TotalSuccesses { get; }

    public long TotalFailures { get; }

    public int ConsecutiveFailures { get; }

    public TimeSpan? Latency { get; }

    public TimeSpan? LatencyP50 { get; }

    public TimeSpan? LatencyP95 { get; }

    public TimeSpan? Baseline { get; }

    public bool Degraded { get; }

    public FailoverReason? LastFailureReason { get; }

    public DateTimeOffset? LastFailureAt { get; }

    public DateTimeOffset? LastSuccessAt { get; }
}
