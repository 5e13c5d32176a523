using System;

namespace FailoverGen;

/// <summary>Settings for one provider of a chain, under <c>Providers:{name}</c>.</summary>
public sealed class FailoverProviderSettings
{
    /// <summary>False takes the provider out of the chain without removing it from the code. Default true.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Retries after the first request to this provider, overriding <c>Retry:MaxRetryAttempts</c> for it.</summary>
    public int? MaxRetryAttempts { get; set; }

    /// <summary>The longest one request to this provider may take, overriding <c>AttemptTimeout</c> for it.</summary>
    public TimeSpan? AttemptTimeout { get; set; }

    /// <summary>
    /// The account or key this provider shares with others: an auth, billing or quota failure of one cools every
    /// provider of the group. Overrides the group given in code.
    /// </summary>
    public string? Group { get; set; }
}
