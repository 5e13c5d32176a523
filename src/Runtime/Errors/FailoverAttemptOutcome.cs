namespace FailoverGen;

/// <summary>What happened to one provider during one chain call.</summary>
public enum FailoverAttemptOutcome
{
    /// <summary>The provider was called and failed with a fallback-eligible error.</summary>
    Failed = 0,

    /// <summary>The provider was not called because it is cooling down after an earlier failure.</summary>
    SkippedCoolingDown,

    /// <summary>The provider was not called because another call is probing whether it has recovered.</summary>
    SkippedProbeInFlight,
}
