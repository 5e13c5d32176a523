using System;
using System.Threading;

namespace FailoverGen;

/// <summary>
/// Cooldown state of one provider: closed (healthy), open until a time, or half-open with one probe in flight.
/// The healthy path reads one field without locking; transitions take this provider's own lock, so providers
/// never contend with each other.
/// </summary>
internal sealed class ProviderCircuit
{
    private const int Closed = 0;
    private const int Open = 1;
    private const int Probing = 2;

    private readonly object _gate = new();
    private int _state;
    private long _openUntilUtcTicks;
    private int _consecutiveFailures;
    private FailoverReason _lastReason;

    /// <summary>When the current cooldown ends (UTC ticks); in the past when the provider is available.</summary>
    public long OpenUntilUtcTicks => Volatile.Read(ref _openUntilUtcTicks);

    public Admission TryEnter(DateTimeOffset now, out TimeSpan remaining, out FailoverReason lastReason)
    {
        remaining = TimeSpan.Zero;
        lastReason = FailoverReason.Unknown;
        if (Volatile.Read(ref _state) == Closed)
        {
            return Admission.Normal;
        }

        lock (_gate)
        {
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

    public void OnSuccess()
    {
        if (Volatile.Read(ref _state) == Closed)
        {
            return;
        }

        lock (_gate)
        {
            _state = Closed;
            _consecutiveFailures = 0;
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

    /// <summary>Opens the circuit for the provider's retry hint, or the reason's default doubled per failure in a row.</summary>
    public DateTimeOffset OnFailure(in FailureClassification failure, DateTimeOffset now, CooldownOptions cooldowns)
    {
        lock (_gate)
        {
            _consecutiveFailures = Math.Min(_consecutiveFailures + 1, 30);
            TimeSpan cooldown = failure.GetRetryDelay(now) ?? Backoff(cooldowns.For(failure.Reason), _consecutiveFailures, cooldowns.Maximum);
            if (cooldown < cooldowns.Minimum)
            {
                cooldown = cooldowns.Minimum;
            }
            else if (cooldown > cooldowns.Maximum)
            {
                cooldown = cooldowns.Maximum;
            }

            DateTimeOffset until = TimeMath.AddSaturating(now, cooldown);
            _lastReason = failure.Reason;
            Volatile.Write(ref _openUntilUtcTicks, until.UtcTicks);
            Volatile.Write(ref _state, Open);
            return until;
        }
    }

    private static TimeSpan Backoff(TimeSpan baseCooldown, int consecutiveFailures, TimeSpan maximum)
    {
        TimeSpan cooldown = baseCooldown;
        for (int i = 1; i < consecutiveFailures && cooldown < maximum; i++)
        {
            cooldown += cooldown;
        }

        return cooldown;
    }
}
