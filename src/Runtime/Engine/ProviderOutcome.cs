using System;

namespace FailoverGen;

/// <summary>The result of calling one provider: its value, or the failed attempt to record before moving on.</summary>
internal readonly struct ProviderOutcome<TResult>
{
    public ProviderOutcome(TResult result, long started, TimeSpan duration, int requests)
    {
        Result = result;
        Failure = null;
        Started = started;
        Duration = duration;
        Requests = requests;
    }

    public ProviderOutcome(FailoverAttempt failure)
    {
        Result = default!;
        Failure = failure;
        Started = 0;
        Duration = failure.Elapsed;
        Requests = failure.Requests;
    }

    public TResult Result { get; }

    public FailoverAttempt? Failure { get; }

    /// <summary>The <see cref="TimeProvider"/> timestamp at which the provider was called.</summary>
    public long Started { get; }

    /// <summary>Time on the provider, retries included; for a stream, until its first item.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Requests sent to the provider.</summary>
    public int Requests { get; }
}
