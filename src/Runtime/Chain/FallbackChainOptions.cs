using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace FailoverGen;

/// <summary>How a <see cref="FallbackChain{TProvider}"/> retries, cools down and classifies. Validated by <c>Build()</c>.</summary>
public sealed class FallbackChainOptions
{
    /// <summary>The clock for cooldowns, backoff and elapsed times. Tests pass a fake one.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Retries of transient failures on the same provider: how many, and the backoff between them.</summary>
    public ProviderRetryOptions Retry { get; set; } = new();

    /// <summary>
    /// The longest time one request to one provider may take before it counts as a <see cref="FailoverReason.Timeout"/>
    /// (retried if attempts remain, then failed over). Null (the default) leaves it to the provider client.
    /// </summary>
    public TimeSpan? AttemptTimeout { get; set; }

    /// <summary>
    /// The longest a whole chain call may take, retries and failovers included. When it passes, the call ends in a
    /// <see cref="FallbackChainExhaustedException"/> with <see cref="FallbackChainExhaustedException.DeadlineExceeded"/> set.
    /// Null (the default) means no deadline.
    /// </summary>
    public TimeSpan? TotalRequestTimeout { get; set; }

    /// <summary>
    /// When a provider says how long to wait (Retry-After and the like), the chain waits and retries the same provider
    /// only if the wait is at most this long, ends before the call's deadline, attempts remain, and no other provider is
    /// available; otherwise it fails over at once. The same bound decides the last-chance probe: when every provider
    /// tried has failed, the skipped provider whose cooldown ends soonest is waited for and probed if that cooldown ends
    /// within this long and before the deadline. Default 5 seconds; zero never waits.
    /// </summary>
    public TimeSpan MaxRetryAfterWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Waits out a retry hint (Retry-After and the like) of at most this long on the same provider, even when another
    /// provider could take the call, for callers who prefer their primary to a quick switch. Needs a retry attempt left
    /// (<see cref="ProviderRetryOptions.MaxRetryAttempts"/>) and time before the deadline. Default zero: fail over at once.
    /// </summary>
    public TimeSpan ShortRetryAfterWait { get; set; }

    /// <summary>
    /// For streaming members: the longest a provider may take to send its first item, per attempt. A provider that says
    /// nothing in that time is failed over at once, not retried. Null (the default) uses the provider's attempt timeout
    /// (its own from configuration, else <see cref="AttemptTimeout"/>), and no limit when there is none.
    /// </summary>
    public TimeSpan? FirstItemTimeout { get; set; }

    /// <summary>
    /// For streaming members: the longest a provider's stream may go without an item once it has started. A stream that
    /// stalls ends as a failure (<see cref="FailoverStreamTimeoutException"/>, inside a
    /// <see cref="FailoverStreamInterruptedException"/> once items reached the caller). Null (the default): no limit.
    /// </summary>
    public TimeSpan? StreamIdleTimeout { get; set; }

    /// <summary>
    /// For streaming members: when a stream fails after items reached the caller, start over on the next provider
    /// (the caller then receives that provider's full answer after the partial one) instead of throwing
    /// <see cref="FailoverStreamInterruptedException"/>. Default false.
    /// </summary>
    public bool RestartStreamsOnFailure { get; set; }

    /// <summary>
    /// For streaming members with a <see cref="StreamContinuation{TState, TItem}"/> (the generated <c>IChatClient</c>
    /// wrapper has one): when a stream fails after items reached the caller, ask the next provider to continue from what
    /// was delivered, so the caller's answer goes on where it broke off. A provider that refuses to continue (no assistant
    /// prefill) is asked for a clean restart when <see cref="RestartStreamsOnFailure"/> is set, announced by
    /// <see cref="FailoverObserver.OnStreamResumed"/> with the items to discard; otherwise the stream ends with the
    /// failure that broke it. Default false.
    /// </summary>
    public bool ContinueStreamsOnFailure { get; set; }

    /// <summary>What to do with failures no classifier recognises. Default <see cref="UnknownErrorHandling.FailOver"/>.</summary>
    public UnknownErrorHandling UnknownErrors { get; set; } = UnknownErrorHandling.FailOver;

    /// <summary>
    /// When set, a call that succeeded on a fallback makes later calls start at that fallback for this long,
    /// then the chain returns to primary-first. Null (the default) means primary-first on every call.
    /// </summary>
    public TimeSpan? StickyDuration { get; set; }

    /// <summary>Cooldown defaults and bounds.</summary>
    public CooldownOptions Cooldowns { get; set; } = new();

    /// <summary>
    /// The chain's name in logs, metrics (<c>failovergen.chain</c>), spans and health reports. Default: the provider
    /// interface's name, e.g. <c>IChatProvider</c>.
    /// </summary>
    public string? Name { get; set; }

    /// <summary>How provider health is measured and when a slow provider is tried after the healthy ones.</summary>
    public ProviderHealthOptions Health { get; set; } = new();

    /// <summary>
    /// Called whenever a provider is passed over within a call: it failed with a fallback-eligible error or was
    /// skipped while cooling down. Like an observer, it never breaks a call: its first exception is logged, later ones ignored.
    /// </summary>
    public Action<FailoverAttempt>? OnAttempt { get; set; }

    /// <summary>Called when a call succeeds on a provider after others were passed over. Exceptions it throws are handled as for <see cref="OnAttempt"/>.</summary>
    public Action<FailoverSwitch>? OnSwitched { get; set; }

    /// <summary>Receive every event of the chain: attempts, switches, cooldowns, recoveries, exhaustions and degradation.</summary>
    public IList<FailoverObserver> Observers { get; private set; } = new List<FailoverObserver>();

    /// <summary>
    /// Where the chain logs (category <c>FailoverGen.FallbackChain</c>; event ids in docs/observability.md). Null (the
    /// default) logs nothing. Chains registered through the generated dependency injection methods take the container's.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Creates the <c>FailoverGen</c> meter. Null (the default) uses one process-wide meter. Chains registered through the
    /// generated dependency injection methods take the container's.
    /// </summary>
    public IMeterFactory? MeterFactory { get; set; }

    /// <summary>Replaces the observability layer; set by tests that record the engine's telemetry points directly.</summary>
    internal IFailoverTelemetry? Telemetry { get; set; }

    /// <summary>Where the chain's cooldowns are shared with the app's other instances; set by <see cref="FallbackChainBuilder{TProvider}.ShareCooldowns"/>.</summary>
    internal ICooldownFleet? CooldownFleet { get; set; }

    /// <summary>Extra classifiers, consulted in order before the built-in rules.</summary>
    public IList<IFailoverClassifier> Classifiers { get; } = new List<IFailoverClassifier>();

    internal FallbackChainOptions Clone()
    {
        var copy = (FallbackChainOptions)MemberwiseClone();
        copy.Retry = Retry?.Clone()!;
        copy.Cooldowns = Cooldowns?.Clone()!;
        copy.Health = Health?.Clone()!;
        copy.Observers = new List<FailoverObserver>(Observers);
        return copy;
    }

    internal IFailoverClassifier[] SnapshotClassifiers()
    {
        var classifiers = new IFailoverClassifier[Classifiers.Count];
        Classifiers.CopyTo(classifiers, 0);
        return classifiers;
    }

    /// <summary>Throws an exception that says what to fix when a setting is out of range.</summary>
    internal void Validate()
    {
        if (TimeProvider is null)
        {
            throw new ArgumentNullException(nameof(TimeProvider), $"{nameof(TimeProvider)} is null: use TimeProvider.System or a test clock.");
        }

        if (Retry is null)
        {
            throw new ArgumentNullException(nameof(Retry), $"{nameof(Retry)} is null: leave the default or assign a new ProviderRetryOptions().");
        }

        Retry.Validate();
        foreach ((TimeSpan? limit, string name) in new[]
        {
            (AttemptTimeout, nameof(AttemptTimeout)), (TotalRequestTimeout, nameof(TotalRequestTimeout)),
            (FirstItemTimeout, nameof(FirstItemTimeout)), (StreamIdleTimeout, nameof(StreamIdleTimeout)),
        })
        {
            // Polly's timeout strategy accepts 10 ms to 1 day; the stream limits keep the same range.
            if (limit is TimeSpan value && (value < TimeSpan.FromMilliseconds(10) || value > TimeSpan.FromDays(1)))
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be between 10 ms and 1 day, or null for no limit.");
            }
        }

        if (MaxRetryAfterWait < TimeSpan.Zero || MaxRetryAfterWait > ProviderRetryOptions.MaxDelayLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRetryAfterWait), MaxRetryAfterWait, $"{nameof(MaxRetryAfterWait)} must be between zero (never wait) and 1 day.");
        }

        if (ShortRetryAfterWait < TimeSpan.Zero || ShortRetryAfterWait > ProviderRetryOptions.MaxDelayLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(ShortRetryAfterWait), ShortRetryAfterWait, $"{nameof(ShortRetryAfterWait)} must be between zero (fail over at once) and 1 day.");
        }

        if (UnknownErrors is not (UnknownErrorHandling.FailOver or UnknownErrorHandling.Rethrow))
        {
            throw new ArgumentOutOfRangeException(nameof(UnknownErrors), UnknownErrors, $"{nameof(UnknownErrors)} is not a defined {nameof(UnknownErrorHandling)} value.");
        }

        if (StickyDuration is TimeSpan sticky && sticky <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(StickyDuration), sticky, $"{nameof(StickyDuration)} must be positive, or null to always start at the primary.");
        }

        if (Cooldowns is null)
        {
            throw new ArgumentNullException(nameof(Cooldowns), $"{nameof(Cooldowns)} is null: leave the default or assign a new CooldownOptions().");
        }

        Cooldowns.Validate();
        if (Health is null)
        {
            throw new ArgumentNullException(nameof(Health), $"{nameof(Health)} is null: leave the default or assign a new ProviderHealthOptions().");
        }

        Health.Validate();
        if (Name is not null && string.IsNullOrWhiteSpace(Name))
        {
            throw new ArgumentException($"{nameof(Name)} is blank: give the chain a name such as \"chat\", or leave it null to use the interface name.", nameof(Name));
        }

        for (int i = 0; i < Observers.Count; i++)
        {
            if (Observers[i] is null)
            {
                throw new ArgumentException($"{nameof(Observers)}[{i}] is null: remove it or add an observer instance.", nameof(Observers));
            }
        }
        for (int i = 0; i < Classifiers.Count; i++)
        {
            if (Classifiers[i] is null)
            {
                throw new ArgumentException($"{nameof(Classifiers)}[{i}] is null: remove it or add a classifier instance.", nameof(Classifiers));
            }
        }
    }
}
