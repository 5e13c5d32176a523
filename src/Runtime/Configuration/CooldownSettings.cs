using System;

namespace FailoverGen;

/// <summary>
/// Cooldowns, under <c>Cooldowns</c>; each value overrides the <see cref="CooldownOptions"/> property of the same name.
/// The sampling window is set in code only: changing it would discard the failures counted so far.
/// </summary>
public sealed class CooldownSettings
{
    /// <summary>The cooldown after a rate limit.</summary>
    public TimeSpan? RateLimit { get; set; }

    /// <summary>The cooldown after a quota or billing failure.</summary>
    public TimeSpan? QuotaOrBilling { get; set; }

    /// <summary>The cooldown after an auth failure or an unknown model.</summary>
    public TimeSpan? AuthOrNotFound { get; set; }

    /// <summary>The cooldown after transient failures.</summary>
    public TimeSpan? Transient { get; set; }

    /// <summary>The shortest cooldown applied.</summary>
    public TimeSpan? Minimum { get; set; }

    /// <summary>The longest cooldown applied.</summary>
    public TimeSpan? Maximum { get; set; }

    /// <summary>The share of failed calls at which transient failures cool a provider.</summary>
    public double? FailureRatio { get; set; }

    /// <summary>The fewest calls before transient failures can cool a provider.</summary>
    public int? MinimumThroughput { get; set; }
}
