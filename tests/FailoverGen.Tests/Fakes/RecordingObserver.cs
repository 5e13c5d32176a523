using System;
using System.Collections.Generic;

namespace FailoverGen.Tests.Fakes;

/// <summary>Records every event a chain delivers, as text lines and as the event objects, in order.</summary>
internal sealed class RecordingObserver : FailoverObserver
{
    private readonly List<FailoverEvent> _events = new();
    private readonly List<string> _lines = new();

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_events)
            {
                return _lines.ToArray();
            }
        }
    }

    public IReadOnlyList<FailoverEvent> Events
    {
        get
        {
            lock (_events)
            {
                return _events.ToArray();
            }
        }
    }

    public T Single<T>()
        where T : FailoverEvent
    {
        T? found = null;
        foreach (FailoverEvent e in Events)
        {
            if (e is T match)
            {
                Assert.Null(found);
                found = match;
            }
        }

        return found ?? throw new InvalidOperationException("No " + typeof(T).Name + " event.");
    }

    public override void OnAttemptStarted(AttemptStarted e) => Add(e, $"started {e.Provider} #{e.Attempt}{(e.IsProbe ? " probe" : string.Empty)}");

    public override void OnAttemptSucceeded(AttemptSucceeded e) => Add(e, $"succeeded {e.Provider} #{e.Attempt} in {e.Duration.TotalMilliseconds} ms");

    public override void OnAttemptFailed(AttemptFailed e) => Add(e, $"failed {e.Attempt}");

    public override void OnAttemptSkipped(AttemptSkipped e) => Add(e, $"skipped {e.Attempt}");

    public override void OnSwitched(ProviderSwitched e) => Add(e, e.ToString());

    public override void OnCooldownOpened(CooldownOpened e) => Add(e, $"cooldown {e.Provider} until {e.Until:HH:mm:ss} ({e.Reason})");

    public override void OnRecovered(ProviderRecovered e) => Add(e, $"recovered {e.Provider}{(e.ByProbe ? " by probe" : string.Empty)}");

    public override void OnStreamResumed(StreamResumed e) =>
        Add(e, $"stream from {e.FailedProvider} resumed on {e.Provider} after {e.ItemsDelivered} ({(e.Continued ? "continued" : "restarted")})");

    public override void OnExhausted(ChainExhausted e) => Add(e, $"exhausted after {e.Exception.Attempts.Count}");

    public override void OnDegradationChanged(DegradationChanged e) =>
        Add(e, $"{(e.IsDegraded ? "degraded" : "restored")} {e.Provider} ({e.Latency.TotalMilliseconds} ms vs {e.Baseline.TotalMilliseconds} ms)");

    private void Add(FailoverEvent e, string line)
    {
        lock (_events)
        {
            _events.Add(e);
            _lines.Add(line);
        }
    }
}
