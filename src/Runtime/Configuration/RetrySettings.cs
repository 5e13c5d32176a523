using System;

namespace FailoverGen;

/// <summary>Retries on the same provider, under <c>Retry</c>; each value overrides <see cref="ProviderRetryOptions"/>.</summary>
public sealed class RetrySettings
{
    /// <summary>Requests to one provider after its first, within one call. 0 disables retries.</summary>
    public int? MaxRetryAttempts { get; set; }

    /// <summary>The first backoff delay; it doubles per retry.</summary>
    public TimeSpan? Delay { get; set; }

    /// <summary>The longest backoff delay.</summary>
    public TimeSpan? MaxDelay { get; set; }

    /// <summary>Whether backoff delays are randomised.</summary>
    public bool? UseJitter { get; set; }
}
