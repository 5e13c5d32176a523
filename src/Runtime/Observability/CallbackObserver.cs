using System;

namespace FailoverGen;

/// <summary>The <see cref="FallbackChainOptions.OnAttempt"/> and <see cref="FallbackChainOptions.OnSwitched"/> callbacks as an observer.</summary>
internal sealed class CallbackObserver : FailoverObserver
{
    private readonly Action<FailoverAttempt>? _onAttempt;
    private readonly Action<FailoverSwitch>? _onSwitched;

    public CallbackObserver(Action<FailoverAttempt>? onAttempt, Action<FailoverSwitch>? onSwitched)
    {
        _onAttempt = onAttempt;
        _onSwitched = onSwitched;
    }

    public override void OnAttemptFailed(AttemptFailed e) => _onAttempt?.Invoke(e.Attempt);

    public override void OnAttemptSkipped(AttemptSkipped e) => _onAttempt?.Invoke(e.Attempt);

    public override void OnSwitched(ProviderSwitched e) => _onSwitched?.Invoke(e.Switch);
}
