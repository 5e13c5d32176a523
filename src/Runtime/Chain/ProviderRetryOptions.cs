using System;

namespace FailoverGen;

/// <summary>
/// Retries on the same provider before the chain moves on. Only transient failures (server error, timeout, network,
/// overloaded) are retried. The names and meanings are those of Polly's <c>RetryStrategyOptions</c> and
/// Microsoft.Extensions.Http.Resilience; the defaults are shorter, because here a fallback is waiting.
/// </summary>
public sealed class ProviderRetryOptions
{
    /// <summary>Upper bound for <see cref="MaxRetryAttempts"/>.</summary>
    public const int MaxRetryAttemptsLimit = 9;

    /// <summary>Upper bound for <see cref="Delay"/> and <see cref="MaxDelay"/>: a day, the most Polly's retry strategy accepts.</summary>
    public static readonly TimeSpan MaxDelayLimit = TimeSpan.FromDays(1);

    /// <summary>Requests to one provider after its first, within one chain call. 0 disables retries. Default 1.</summary>
    public int MaxRetryAttempts { get; set; } = 1;

    /// <summary>The first backoff delay; it doubles per retry. Default 500 ms.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest backoff delay between two requests to the same provider. Default 10 seconds.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Randomises backoff delays so that many callers do not retry in lockstep. Default true.</summary>
    public bool UseJitter { get; set; } = true;

    internal ProviderRetryOptions Clone() => (ProviderRetryOptions)MemberwiseClone();

    internal void Validate()
    {
        if (MaxRetryAttempts is < 0 or > MaxRetryAttemptsLimit)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MaxRetryAttempts),
                MaxRetryAttempts,
                $"Retry.{nameof(MaxRetryAttempts)} must be between 0 (no retries) and {MaxRetryAttemptsLimit}.");
        }

        if (Delay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Delay), Delay, $"Retry.{nameof(Delay)} is negative: use TimeSpan.Zero or a positive delay.");
        }

        foreach ((TimeSpan delay, string name) in new[] { (Delay, nameof(Delay)), (MaxDelay, nameof(MaxDelay)) })
        {
            if (delay > MaxDelayLimit)
            {
                throw new ArgumentOutOfRangeException(name, delay, $"Retry.{name} is longer than a day: waits that long belong in a cooldown, not a retry on the same provider.");
            }
        }

        if (MaxDelay < Delay)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MaxDelay),
                MaxDelay,
                $"Retry.{nameof(MaxDelay)} ({MaxDelay}) is shorter than Retry.{nameof(Delay)} ({Delay}): raise it or lower the first delay.");
        }
    }
}
