using System;

namespace FailoverGen;

/// <summary>
/// How long a provider is skipped after a fallback-eligible failure when it sent no retry hint.
/// A retry hint from the provider wins over these defaults; both are clamped to
/// [<see cref="Minimum"/>, <see cref="Maximum"/>]. After the cooldown one probe call decides whether the
/// provider is healthy again; each further failure in a row doubles the default cooldown.
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
