using System;
using System.Threading;

namespace FailoverGen;

/// <summary>
/// Cooldown state of one provider: closed (healthy), open until a time, or half-open with one probe in flight.
/// The healthy path reads one field without locking; transitions take this provider's own lock, so providers
/// never contend with each other.
/// </summary>
/// <remarks>
/// Explicit signals (rate limit, quota, billing, auth, model not found) open the circuit at once. Transient failures
/// open it only when they make up <see cref="CooldownOptions.FailureRatio"/> of at least
/// <see cref="CooldownOptions.MinimumThroughput"/> outcomes in the sampling window, so one 503 among many successes
/// does not take a busy provider out. Every opening starts a new generation: a request remembers the generation it was
/// admitted in, so that the N requests in flight when a provider starts failing count as one failure in a row (not N
/// doublings of the cooldown), and a success that was admitted before a newer opening does not end that cooldown.
/// </remarks>
internal sealed class ProviderCircuit
{
    private const int Closed = 0;
    private const int Open = 1;
    private const int Probing = 2;

    private readonly object _gate = new();
    private readonly OutcomeWindow _window;
    private int _state;
    private long _generation;
    private long _openUntilUtcTicks;
    private int _consecutiveOpenings;
    private FailoverReason _lastReason;
    private string? _openedByGroup;

    public ProviderCircuit(TimeSpan samplingDuration)
    {
        _window = new OutcomeWindow(samplingDuration);
    }

    /// <summary>When the current cooldown ends (UTC ticks); in the past when the provider is available.</summary>
    public long OpenUntilUtcTicks => Volatile.Read(ref _openUntilUtcTicks);

    /// <summary>True while one call is probing whether the provider has recovered.</summary>
    public bool IsProbing => Volatile.Read(ref _state) == Probing;

    /// <summary>True when a call now would be admitted without a cooldown or a probe in the way.</summary>
    public bool IsAvailable(DateTimeOffset now) => Volatile.Read(ref _state) == Closed || (!IsProbing && OpenUntilUtcTicks <= now.UtcTicks);

    /// <summary>
    /// True while the provider is healthy, read without the lock or the time: the direct path's whole admission. A
    /// circuit that opens just after is handled as for any request admitted before the opening (see the remarks).
    /// </summary>
    public bool IsClosed(out long generation)
    {
        generation = Volatile.Read(ref _generation);
        return Volatile.Read(ref _state) == Closed;
    }

    /// <summary>A success on the direct path whose time was not read; it counts towards the failure ratio all the same.</summary>
    public void OnUntimedSuccess() => _window.CountUntimedSuccess();

    /// <summary>The generation a request admitted now belongs to.</summary>
    public long Generation => Volatile.Read(ref _generation);

    /// <summary>The state for a health snapshot, read under the lock so the fields agree with each other.</summary>
    public CooldownStatus Describe(DateTimeOffset now)
    {
        lock (_gate)
        {
            return _state switch
            {
                Probing => new CooldownStatus(ProviderState.Probing, until: null, _lastReason, _openedByGroup),
                Open when _openUntilUtcTicks > now.UtcTicks =>
                    new CooldownStatus(ProviderState.CoolingDown, new DateTimeOffset(_openUntilUtcTicks, TimeSpan.Zero), _lastReason, _openedByGroup),
                _ => new CooldownStatus(ProviderState.Available, until: null, reason: null, group: null),
            };
        }
    }

    public Admission TryEnter(DateTimeOffset now, out Cooldown cooldown, out long generation)
    {
        cooldown = default;
        generation = Volatile.Read(ref _generation);

        // The lock-free read is safe: a request admitted just as another call opens the circuit carries the old
        // generation, so its outcome is judged as belonging to the time before the opening.
        if (Volatile.Read(ref _state) == Closed)
        {
            return Admission.Normal;
        }

        lock (_gate)
        {
            generation = _generation;
            switch (_state)
            {
                case Closed:
                    return Admission.Normal;
                case Probing:
                    cooldown = new Cooldown(TimeSpan.Zero, _lastReason, _openedByGroup);
                    return Admission.SkipProbeInFlight;
            }

            long left = _openUntilUtcTicks - now.UtcTicks;
            if (left > 0)
            {
                cooldown = new Cooldown(TimeSpan.FromTicks(left), _lastReason, _openedByGroup);
                return Admission.SkipCoolingDown;
            }

            _state = Probing;
            return Admission.Probe;
        }
    }

    /// <summary>
    /// Records a success; closes the circuit when the request was the probe or belongs to the current generation.
    /// Returns true when this success ended a cooldown.
    /// </summary>
    public bool OnSuccess(Admission admission, long generation, DateTimeOffset now)
    {
        if (Volatile.Read(ref _state) == Closed)
        {
            _window.Record(now, failed: false);
            return false;
        }

        lock (_gate)
        {
            if (_state == Closed || !((admission == Admission.Probe && _state == Probing) || generation == _generation))
            {
                return false;
            }

            CloseLocked();
            return true;
        }
    }

    /// <summary>The call ended without a verdict on the provider's health (caller cancellation, a rethrown error).</summary>
    public void OnNoVerdict(Admission admission)
    {
        if (admission != Admission.Probe)
        {
            return;
        }

        lock (_gate)
        {
            // Back to open with the cooldown already over, so the next call probes again.
            if (_state == Probing)
            {
                _state = Open;
            }
        }
    }

    /// <summary>
    /// Records a failure. Opens the circuit for the provider's retry hint, or the reason's default doubled per opening
    /// in a row, when the failure is an explicit signal, a failed probe, or the transient failure that tips the window.
    /// Returns when the cooldown now ends, or null when the circuit did not open or move.
    /// </summary>
    public DateTimeOffset? OnFailure(in FailureClassification failure, Admission admission, long generation, DateTimeOffset now, CooldownOptions cooldowns)
    {
        if (!SaysAnythingAboutHealth(failure.Reason))
        {
            // A request the provider refused on its merits (too long, filtered, malformed) would fail the same way
            // anywhere: no reason to stop sending it other requests.
            OnNoVerdict(admission);
            return null;
        }

        lock (_gate)
        {
            if (_state == Closed && !IsExplicit(failure.Reason))
            {
                _window.Record(now, failed: true);
                (int failures, int total) = _window.Totals(now);
                if (total < cooldowns.MinimumThroughput || failures < total * cooldowns.FailureRatio)
                {
                    return null;
                }
            }

            bool fresh = generation == _generation;
            if (fresh)
            {
                _consecutiveOpenings = Math.Min(_consecutiveOpenings + 1, 30);
                _generation++;
            }

            TimeSpan cooldown = Clamp(failure.GetRetryDelay(now) ?? Backoff(cooldowns.For(failure.Reason), _consecutiveOpenings, cooldowns.Maximum), cooldowns);
            long until = TimeMath.AddSaturating(now, cooldown).UtcTicks;
            bool moved = fresh || until > _openUntilUtcTicks;
            if (moved)
            {
                Volatile.Write(ref _openUntilUtcTicks, until);
                _lastReason = failure.Reason;
                _openedByGroup = null;
            }

            if (fresh || _state != Probing)
            {
                // A late failure of a request admitted before the probe leaves the probe in charge.
                Volatile.Write(ref _state, Open);
            }

            _window.Clear();
            return moved ? new DateTimeOffset(until, TimeSpan.Zero) : null;
        }
    }

    /// <summary>
    /// Opens the circuit until <paramref name="until"/> because another provider of the same account (<paramref name="group"/>)
    /// failed in a way that holds for the whole account, or because another instance of the app reported a cooldown.
    /// Successes admitted before now no longer close it. False when a cooldown that lasts as long is already open.
    /// </summary>
    public bool OpenUntil(DateTimeOffset until, FailoverReason reason, string? group)
    {
        lock (_gate)
        {
            if (_state != Closed && _openUntilUtcTicks >= until.UtcTicks)
            {
                return false;
            }

            _generation++;
            Volatile.Write(ref _openUntilUtcTicks, until.UtcTicks);
            _lastReason = reason;
            _openedByGroup = group;
            Volatile.Write(ref _state, Open);
            _window.Clear();
            return true;
        }
    }

    /// <summary>
    /// Another instance of the app holds the recovery probe this call was admitted as: back to open for
    /// <paramref name="wait"/>, with the outcome of that instance's probe expected meanwhile.
    /// </summary>
    public void YieldProbe(DateTimeOffset now, TimeSpan wait)
    {
        lock (_gate)
        {
            if (_state == Probing)
            {
                Volatile.Write(ref _openUntilUtcTicks, TimeMath.AddSaturating(now, wait).UtcTicks);
                Volatile.Write(ref _state, Open);
            }
        }
    }

    /// <summary>
    /// Another instance of the app called the provider successfully after its cooldown: closes the circuit unless this
    /// instance is probing it, in which case its own probe decides. True when it closed.
    /// </summary>
    public bool CloseFromFleet()
    {
        lock (_gate)
        {
            if (_state != Open)
            {
                return false;
            }

            CloseLocked();
            return true;
        }
    }

    /// <summary>Back to healthy: the cooldown history and the failure window start over. Called under the lock.</summary>
    private void CloseLocked()
    {
        Volatile.Write(ref _state, Closed);
        _consecutiveOpenings = 0;
        _openedByGroup = null;
        _window.Clear();
    }

    /// <summary>Request-specific failures say nothing about whether the provider can serve other requests.</summary>
    public static bool SaysAnythingAboutHealth(FailoverReason reason) =>
        reason is not (FailoverReason.BadRequest or FailoverReason.ContentFilter or FailoverReason.ContextOverflow or FailoverReason.Canceled);

    /// <summary>The provider said outright that it will not serve calls for a while.</summary>
    private static bool IsExplicit(FailoverReason reason) =>
        reason is FailoverReason.RateLimit or FailoverReason.Quota or FailoverReason.Billing or FailoverReason.Auth or FailoverReason.ModelNotFound;

    private static TimeSpan Clamp(TimeSpan cooldown, CooldownOptions cooldowns) =>
        cooldown < cooldowns.Minimum ? cooldowns.Minimum : cooldown > cooldowns.Maximum ? cooldowns.Maximum : cooldown;

    private static TimeSpan Backoff(TimeSpan baseCooldown, int consecutiveOpenings, TimeSpan maximum)
    {
        TimeSpan cooldown = baseCooldown;
        for (int i = 1; i < consecutiveOpenings && cooldown < maximum; i++)
        {
            cooldown = cooldown > maximum - cooldown ? maximum : cooldown + cooldown;
        }

        return cooldown;
    }
}
