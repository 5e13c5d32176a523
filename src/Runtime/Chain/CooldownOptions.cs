using System;

namespace FailoverGen;

/// <summary>
/// When a provider starts cooling down and for how long.
/// Explicit signals (rate limit, quota, billing, auth, model not found) cool it at once. Transient failures (server
/// error, overloaded, timeout, network, unrecognised) cool it only when they are at least <see cref="FailureRatio"/> of
/// at least <see cref="MinimumThroughput"/> calls within <see cref="SamplingDuration"/>, so one failure among many
/// successes does not take a busy provider out (the model of Polly's circuit breaker). Request-specific failures (bad
/// request, content filter, context overflow) never cool it.
/// A retry hint from the provider wins over the default durations; both are clamped to
/// [<see cref="Minimum"/>, <see cref="Maximum"/>]. After the cooldown one probe call decides whether the
/// provider is healthy again; each further opening in a row doubles the default cooldown.
/// </summary>
public sealed class CooldownOptions
{
    /// <summary>For <see cref="FailoverReason.RateLimit"/>. Default 30 seconds.</summary>
    public TimeSpan RateLimit { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>For <see cref="FailoverReason.Quota"/> and <see cref="FailoverReason.Billing"/>: long, but still probed. Default 10 minutes.</summary>
    public TimeSpan QuotaOrBilling { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>For <see cref="FailoverReason.Auth"/> and <see cref="FailoverReason.ModelNotFound"/>. Default 15 minutes.</summary>
    public TimeSpan AuthOrNotFound { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>For transient reasons (overloaded, server error, timeout, network) and everything else. Default 10 seconds.</summary>
    public TimeSpan Transient { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The shortest cooldown applied. Default 1 second.</summary>
    public TimeSpan Minimum { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest cooldown applied, whatever the provider asked for. Default 1 hour.</summary>
    public TimeSpan Maximum { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The share of failed calls in the sampling window at which transient failures cool a provider, from more than 0
    /// to 1. Default 0.5.
    /// </summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>
    /// The fewest calls in the sampling window before transient failures can cool a provider. Default 4: a provider
    /// that is down is taken out after four failed calls, however little traffic it has.
    /// </summary>
    public int MinimumThroughput { get; set; } = 4;

    /// <summary>How far back transient failures and successes are counted. Default 30 seconds.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The default cooldown for <paramref name="reason"/>.</summary>
    public TimeSpan For(FailoverReason reason) => reason switch
    {
        FailoverReason.RateLimit => RateLimit,
        FailoverReason.Quota or FailoverReason.Billing => QuotaOrBilling,
        FailoverReason.Auth or FailoverReason.ModelNotFound => AuthOrNotFound,
        _ => Transient,
    };

    internal CooldownOptions Clone() => (CooldownOptions)MemberwiseClone();

    internal void Validate()
    {
        RequireNonNegative(RateLimit, nameof(RateLimit));
        RequireNonNegative(QuotaOrBilling, nameof(QuotaOrBilling));
        RequireNonNegative(AuthOrNotFound, nameof(AuthOrNotFound));
        RequireNonNegative(Transient, nameof(Transient));
        RequireNonNegative(Minimum, nameof(Minimum));
        if (!(FailureRatio > 0 && FailureRatio <= 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(FailureRatio),
                FailureRatio,
                $"{nameof(FallbackChainOptions.Cooldowns)}.{nameof(FailureRatio)} must be more than 0 and at most 1 (0.5 cools a provider when half its calls fail).");
        }

        if (MinimumThroughput < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MinimumThroughput),
                MinimumThroughput,
                $"{nameof(FallbackChainOptions.Cooldowns)}.{nameof(MinimumThroughput)} must be at least 1 (1 cools a provider on its first transient failure).");
        }

        if (SamplingDuration < TimeSpan.FromMilliseconds(100) || SamplingDuration > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(SamplingDuration),
                SamplingDuration,
                $"{nameof(FallbackChainOptions.Cooldowns)}.{nameof(SamplingDuration)} must be between 100 ms and 1 day.");
        }
        if (Maximum < Minimum)
        {
            throw new ArgumentException(
                $"{nameof(FallbackChainOptions.Cooldowns)}.{nameof(Maximum)} ({Maximum}) is shorter than {nameof(Minimum)} ({Minimum}): set Maximum to at least Minimum.",
                nameof(Maximum));
        }
    }

    private static void RequireNonNegative(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(
                name,
                value,
                $"{nameof(FallbackChainOptions.Cooldowns)}.{name} is negative: use TimeSpan.Zero or a positive duration.");
        }
    }
}
