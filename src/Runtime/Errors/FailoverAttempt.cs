using System;
using System.Text;

namespace FailoverGen;

/// <summary>One provider's part in a failed chain call: a real failure or a skip, with why.</summary>
public sealed class FailoverAttempt
{
    internal FailoverAttempt(
        string providerName,
        int providerIndex,
        FailoverAttemptOutcome outcome,
        FailoverReason reason,
        int? statusCode,
        TimeSpan? retryAfter,
        TimeSpan elapsed,
        int requests,
        TimeSpan? cooldownRemaining,
        Exception? exception,
        string? cooldownGroup = null)
    {
        ProviderName = providerName;
        ProviderIndex = providerIndex;
        Outcome = outcome;
        Reason = reason;
        StatusCode = statusCode;
        RetryAfter = retryAfter;
        Elapsed = elapsed;
        Requests = requests;
        CooldownRemaining = cooldownRemaining;
        Exception = exception;
        CooldownGroup = cooldownGroup;
    }

    /// <summary>The provider's name in the chain.</summary>
    public string ProviderName { get; }

    /// <summary>The provider's position in the chain (0 is the primary).</summary>
    public int ProviderIndex { get; }

    /// <summary>Whether the provider was called or skipped.</summary>
    public FailoverAttemptOutcome Outcome { get; }

    /// <summary>Why it failed, or for a skip, why it is cooling down.</summary>
    public FailoverReason Reason { get; }

    /// <summary>The HTTP status code of the last failure, when a response arrived.</summary>
    public int? StatusCode { get; }

    /// <summary>How long the provider asked to wait, when it said.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Time spent on this provider, retries and backoff included (zero for a skip).</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Requests sent to this provider in this chain call (0 for a skip).</summary>
    public int Requests { get; }

    /// <summary>For a skip: how much of the cooldown was left.</summary>
    public TimeSpan? CooldownRemaining { get; }

    /// <summary>The last exception the provider threw; null for a skip.</summary>
    public Exception? Exception { get; }

    /// <summary>
    /// For a skip caused by another provider of the same group (account or key): the group's name. Auth, billing and
    /// quota failures cool every provider of their group.
    /// </summary>
    public string? CooldownGroup { get; }

    /// <summary>True when the provider was not called.</summary>
    public bool WasSkipped => Outcome != FailoverAttemptOutcome.Failed;

    /// <summary>
    /// E.g. <c>google/gemini-2.5-flash: rate limited (429, retry after 20 s)</c>, or for a provider cooled by its
    /// account <c>anthropic/claude-sonnet-4: skipped, account anthropic out of credit (cooling down 10 min)</c>.
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder(ProviderName).Append(": ");
        switch (Outcome)
        {
            case FailoverAttemptOutcome.SkippedCoolingDown when CooldownGroup is not null:
                text.Append("skipped, account ").Append(CooldownGroup).Append(' ').Append(Reason.Describe())
                    .Append(" (cooling down ").Append(DurationText.Format(CooldownRemaining ?? TimeSpan.Zero)).Append(')');
                return text.ToString();
            case FailoverAttemptOutcome.SkippedCoolingDown:
                text.Append("skipped, cooling down ").Append(DurationText.Format(CooldownRemaining ?? TimeSpan.Zero))
                    .Append(" (").Append(Reason.Describe()).Append(')');
                return text.ToString();
            case FailoverAttemptOutcome.SkippedProbeInFlight:
                return text.Append("skipped, recovery probe in progress (").Append(Reason.Describe()).Append(')').ToString();
        }

        text.Append(Reason.Describe());
        if (Reason == FailoverReason.Unknown && Exception is not null)
        {
            text.Append(" (").Append(Exception.GetType().Name).Append(": ").Append(Exception.Message).Append(')');
        }

        var details = new StringBuilder();
        if (StatusCode is int status)
        {
            details.Append(status);
        }

        if (RetryAfter is TimeSpan retryAfter)
        {
            details.Append(details.Length > 0 ? ", " : string.Empty).Append("retry after ").Append(DurationText.Format(retryAfter));
        }

        if (Requests > 1)
        {
            details.Append(details.Length > 0 ? ", " : string.Empty).Append(Requests).Append(" attempts");
        }

        if (details.Length > 0)
        {
            text.Append(" (").Append(details).Append(')');
        }

        return text.ToString();
    }
}
