using System;
using System.Threading;

namespace FailoverGen;

/// <summary>
/// Cooldown state of one provider: closed (healthy), open until a time, or half-open with one probe in flight.
/// The healthy path reads one field without locking; transitions take this provider's own lock, so providers
/// never contend with each other.
/// </summary>
/// <remarks>
/// Every opening starts a new generation. A request remembers the generation it was admitted in, so that under
/// concurrent traffic the N requests already in flight when a provider starts failing count as one failure (not N
/// doublings of the cooldown), and a slow success that started before a newer failure does not cancel its cooldown.
/// </remarks>
internal sealed class ProviderCircuit
{
    private const int Closed = 0;
    private const int Open = 1;
    private const int Probing = 2;

    private readonly object _gate = new();
    private int _state;
    private long _generation;
    private long _openUntilUtcTicks;
    private int _consecutiveFailures;
    private FailoverReason _lastReason;

    /// <summary>When the current cooldown ends (UTC ticks); in the past when the provider is available.</summary>
    public long OpenUntilUtcTicks => Volatile.Read(ref _openUntilUtcTicks);

    /// <summary>True while one call is probing whether the provider has recovered.</summary>
    public bool IsProbing => Volatile.Read(ref _state) == Probing;

    /// <summary>The generation a request admitted now belongs to.</summary>
    public long Generation => Volatile.Read(ref _generation);

    public Admission TryEnter(DateTimeOffset now, out TimeSpan remaining, out FailoverReason lastReason, out long generation)
    {
        remaining = TimeSpan.Zero;
        lastReason = FailoverReason.Unknown;
        generation = Volatile.Read(ref _generation);
        if (Volatile.Read(ref _state) == Closed)
        {
            return Admission.Normal;
        }

        lock (_gate)
        {
            generation = _generation;
            lastReason = _lastReason;
            switch (_state)
            {
                case Closed:
                    return Admission.Normal;
                case Probing:
                    return Admission.SkipProbeInFlight;
            }

            long left = _openUntilUtcTicks - now.UtcTicks;
            if (left > 0)
            {
                remaining = TimeSpan.FromTicks(left);
                return Admission.SkipCoolingDown;
            }

            _state = Probing;
            return Admission.Probe;
        }
    }

    /// <summary>Closes the circuit, unless a failure newer than this request has opened it since.</summary>
    public void OnSuccess(Admission admission, long generation)
    {
        if (Volatile.Read(ref _state) == Closed)
        {
            return;
        }

        lock (_gate)
        {
            if (admission is Admission.Probe or Admission.Forced || generation == _generation)
            {
                _state = Closed;
                _consecutiveFailures = 0;
            }
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
    /// Opens the circuit for the provider's retry hint, or the reason's default doubled per failure in a row. A failure
    /// from a request admitted before the latest opening only extends the cooldown; it is not another failure in a row.
    /// </summary>
    public void OnFailure(in FailureClassification failure, DateTimeOffset now, CooldownOptions cooldowns, long generation)
    {
        lock (_gate)
        {
            bool fresh = generation == _generation;
            if (fresh)
            {
                _consecutiveFailures = Math.Min(_consecutiveFailures + 1, 30);
                _generation++;
            }

            TimeSpan cooldown = failure.GetRetryDelay(now) ?? Backoff(cooldowns.For(failure.Reason), _consecutiveFailures, cooldowns.Maximum);
            if (cooldown < cooldowns.Minimum)
            {
                cooldown = cooldowns.Minimum;
            }
            else if (cooldown > cooldowns.Maximum)
            {
                cooldown = cooldowns.Maximum;
            }

            long until = TimeMath.AddSaturating(now, cooldown).UtcTicks;
            if (fresh || until > _openUntilUtcTicks)
            {
                Volatile.Write(ref _openUntilUtcTicks, until);
            }

            _lastReason = failure.Reason;
            Volatile.Write(ref _state, Open);
        }
    }

    private static TimeSpan Backoff(TimeSpan baseCooldown, int consecutiveFailures, TimeSpan maximum)
    {
        TimeSpan cooldown = baseCooldown;
        for (int i = 1; i < consecutiveFailures && cooldown < maximum; i++)
        {
            cooldown = cooldown > maximum - cooldown ? maximum : cooldown + cooldown;
        }

        return cooldown;
    }
}
