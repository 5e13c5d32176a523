using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading;

namespace FailoverGen;

/// <summary>Provider health: what each call's outcome adds to it, the snapshot, the cooldown gauge and the call spans.</summary>
public sealed partial class FallbackChain<TProvider> : ICooldownGaugeSource
{
    /// <summary>The chain's name in logs, metrics, spans and health reports (<see cref="FallbackChainOptions.Name"/>).</summary>
    public string Name => _name;

    /// <summary>
    /// Each provider's health now: available, cooling down or being probed; outcomes and latency over
    /// <see cref="ProviderHealthOptions.Window"/>; baseline and degradation; the last failure. Cheap enough to serve a
    /// <c>/status</c> endpoint on every request.
    /// </summary>
    public FallbackChainHealth GetHealth()
    {
        DateTimeOffset now = _time.GetUtcNow();
        var providers = new ProviderHealth[_entries.Length];
        for (int i = 0; i < providers.Length; i++)
        {
            providers[i] = new ProviderHealth(_entries[i].Name, i, _store.Describe(i, now));
            _health[i].Measure(providers[i], now);
        }

        return new FallbackChainHealth(_name, now, providers);
    }

    void ICooldownGaugeSource.Observe(List<Measurement<int>> into)
    {
        DateTimeOffset now = _time.GetUtcNow();
        for (int i = 0; i < _entries.Length; i++)
        {
            int cooling = _store.Describe(i, now).State == ProviderState.Available ? 0 : 1;
            into.Add(new Measurement<int>(cooling, _labels[i].Tags));
        }
    }

    private bool IsDegraded(ChainPlan plan, int index, DateTimeOffset now) =>
        plan.Options.Health.DetectDegradation && _health[index].IsDegraded(now, plan.Options.Health.Window);

    private void RecordLatency(int index, TimeSpan latency, DateTimeOffset now)
    {
        ProviderHealthOptions health = Volatile.Read(ref _plan).Options.Health;
        if (_health[index].RecordSuccess(latency, now, health, out TimeSpan windowLatency, out TimeSpan baseline))
        {
            _telemetry.DegradationChanged(index, _health[index].IsDegraded(now, health.Window), windowLatency, baseline);
        }
    }

    /// <summary>A provider's own failure: its cooldown state and its health both learn of it.</summary>
    private void RecordFailure(in AttemptSlot slot, in FailureClassification failure, DateTimeOffset now)
    {
        _store.OnFailure(slot.Index, failure, slot.Admission, slot.Generation, now);
        if (ProviderCircuit.SaysAnythingAboutHealth(failure.Reason))
        {
            _health[slot.Index].RecordFailure(failure.Reason, now);
        }
    }

    /// <summary>Ends a call span that a provider answered: which one, after how many, and which were skipped.</summary>
    private void EndCall(Activity call, int index, WalkCursor cursor)
    {
        ProviderLabels labels = _labels[index];
        call.SetTag(TagNames.Provider, labels.Name);
        call.SetTag(TagNames.GenAiProvider, labels.Vendor);
        FailoverTracing.Walked(call, cursor.Attempts, cursor.Calls);
        call.SetStatus(ActivityStatusCode.Ok);
        FailoverTracing.Stop(call, _time);
    }

    /// <summary>Ends a call span with the error the caller receives; returns false so the error propagates untouched.</summary>
    private bool FailCall(Activity call, Exception error)
    {
        if (error is FallbackChainExhaustedException exhausted)
        {
            FailoverTracing.Walked(call, exhausted.Attempts, CountCalled(exhausted.Attempts));
        }

        FailoverTracing.Fail(call, error.Message, error, _time);
        return false;
    }

    /// <summary>Ends an attempt span with an error the chain does not handle; returns false so it propagates untouched.</summary>
    private bool FailSpan(Activity span, Exception error)
    {
        FailoverTracing.Fail(span, error.Message, error, _time);
        return false;
    }

    private static int CountCalled(IReadOnlyList<FailoverAttempt> attempts)
    {
        int called = 0;
        foreach (FailoverAttempt attempt in attempts)
        {
            called += attempt.WasSkipped ? 0 : 1;
        }

        return called;
    }
}
