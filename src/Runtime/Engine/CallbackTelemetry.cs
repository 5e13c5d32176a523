using System;

namespace FailoverGen;

/// <summary>
/// Forwards what the engine observes to the <see cref="FallbackChainOptions.OnAttempt"/> and
/// <see cref="FallbackChainOptions.OnSwitched"/> callbacks. Cooldowns, recoveries and exhaustions have no public
/// observer yet; they reach only a telemetry implementation given through the internal options.
/// </summary>
internal sealed class CallbackTelemetry : IFailoverTelemetry
{
    private readonly Action<FailoverAttempt>? _onAttempt;
    private readonly Action<FailoverSwitch>? _onSwitched;

    public CallbackTelemetry(Action<FailoverAttempt>? onAttempt, Action<FailoverSwitch>? onSwitched)
    {
        _onAttempt = onAttempt;
        _onSwitched = onSwitched;
    }

    public void PassedOver(FailoverAttempt attempt) => Notify(_onAttempt, attempt);

    public void Switched(FailoverSwitch change) => Notify(_onSwitched, change);

    public void CooldownOpened(string provider, DateTimeOffset until, in FailureClassification evidence, string? group)
    {
    }

    public void Recovered(string provider)
    {
    }

    public void Exhausted(FallbackChainExhaustedException exhausted)
    {
    }

    private static void Notify<T>(Action<T>? callback, T value)
    {
        if (callback is null)
        {
            return;
        }

        try
        {
            callback(value);
        }
        catch (Exception)
        {
            // Observers must not turn a successful failover into a failed call.
        }
    }
}
