using System;
using System.Collections.Generic;

namespace FailoverGen;

/// <summary>
/// A chain's settings as operators write them in configuration (appsettings.json, environment variables), bound with
/// the options pattern. Every value is optional: what is left out keeps what the code set, or the default. Applied on
/// top of <see cref="FallbackChainOptions"/> when the chain is built and again on every reload.
/// </summary>
/// <example>
/// <code>
/// "Failover": {
///   "Order": [ "anthropic/claude-opus-4", "openai/gpt-4o" ],
///   "Retry": { "MaxRetryAttempts": 1, "Delay": "00:00:01" },
///   "AttemptTimeout": "00:00:30",
///   "FailoverOn": { "StatusCodes": [ 429, 500, 502, 503, 504 ], "Reasons": [ "Auth", "Timeout" ] },
///   "Providers": { "openai/gpt-4o": { "Group": "openai", "AttemptTimeout": "00:00:20" } }
/// }
/// </code>
/// </example>
public sealed class FailoverSettings
{
    /// <summary>
    /// The providers the chain uses, by name, primary first. Registered providers left out are not called. Null (not
    /// configured) keeps the registration order.
    /// </summary>
    public List<string>? Order { get; set; }

    /// <summary>Retries of transient failures on the same provider (<see cref="FallbackChainOptions.Retry"/>).</summary>
    public RetrySettings? Retry { get; set; }

    /// <summary>The longest one request may take (<see cref="FallbackChainOptions.AttemptTimeout"/>).</summary>
    public TimeSpan? AttemptTimeout { get; set; }

    /// <summary>The longest a whole call may take (<see cref="FallbackChainOptions.TotalRequestTimeout"/>).</summary>
    public TimeSpan? TotalRequestTimeout { get; set; }

    /// <summary>The longest Retry-After the chain waits out on the same provider (<see cref="FallbackChainOptions.MaxRetryAfterWait"/>).</summary>
    public TimeSpan? MaxRetryAfterWait { get; set; }

    /// <summary>The longest retry hint waited out on the same provider even when another could answer (<see cref="FallbackChainOptions.ShortRetryAfterWait"/>).</summary>
    public TimeSpan? ShortRetryAfterWait { get; set; }

    /// <summary>The longest a stream may take to its first item (<see cref="FallbackChainOptions.FirstItemTimeout"/>).</summary>
    public TimeSpan? FirstItemTimeout { get; set; }

    /// <summary>The longest a stream may go without an item (<see cref="FallbackChainOptions.StreamIdleTimeout"/>).</summary>
    public TimeSpan? StreamIdleTimeout { get; set; }

    /// <summary>
    /// Sticky mode: how long calls keep starting at the fallback that last took over
    /// (<see cref="FallbackChainOptions.StickyDuration"/>). Zero turns it off.
    /// </summary>
    public TimeSpan? StickyDuration { get; set; }

    /// <summary>Whether a stream cut mid-answer starts over on the next provider (<see cref="FallbackChainOptions.RestartStreamsOnFailure"/>).</summary>
    public bool? RestartStreamsOnFailure { get; set; }

    /// <summary>Whether a stream cut mid-answer is continued on the next provider (<see cref="FallbackChainOptions.ContinueStreamsOnFailure"/>).</summary>
    public bool? ContinueStreamsOnFailure { get; set; }

    /// <summary>The failures that move a call on, in addition to or instead of the interface's <see cref="FailoverOnAttribute"/>.</summary>
    public FailoverTriggerSettings? FailoverOn { get; set; }

    /// <summary>Cooldown durations and the failure-ratio rule (<see cref="FallbackChainOptions.Cooldowns"/>).</summary>
    public CooldownSettings? Cooldowns { get; set; }

    /// <summary>Degradation detection (<see cref="FallbackChainOptions.Health"/>).</summary>
    public HealthSettings? Health { get; set; }

    /// <summary>Per-provider settings, keyed by provider name.</summary>
    public Dictionary<string, FailoverProviderSettings>? Providers { get; set; }

    /// <summary>
    /// What the configuration binding found wrong before binding (unknown keys, values of the wrong type), each naming
    /// its key; reported together with the other problems when the settings are applied.
    /// </summary>
    internal List<string>? BindingProblems { get; set; }

    /// <summary>
    /// Every key and value of the section the settings were bound from. A configuration reload often signals more than
    /// once for one edit; the chain applies and logs an unchanged section only once.
    /// </summary>
    internal string? Fingerprint { get; set; }

    /// <summary>The configuration section the settings came from, e.g. <c>Failover</c>; problems name keys under it.</summary>
    internal string? SectionPath { get; set; }
}
