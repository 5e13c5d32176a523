using System;
using System.Collections.Generic;

namespace FailoverGen;

/// <summary>The attempt log of one call: what each provider did, the switch note and the exhaustion error.</summary>
public sealed partial class FallbackChain<TProvider>
{
    private void PassOver(ref WalkCursor cursor, FailoverAttempt attempt)
    {
        (cursor.Attempts ??= new List<FailoverAttempt>(_entries.Length)).Add(attempt);
        Report(attempt, cursor.Calls);
    }

    /// <summary>A provider that was skipped and then called after all keeps one entry: the one with the real outcome.</summary>
    private void ReplaceSkip(ref WalkCursor cursor, FailoverAttempt replacement)
    {
        List<FailoverAttempt> attempts = cursor.Attempts ??= new List<FailoverAttempt>(_entries.Length);
        int at = attempts.FindIndex(a => a.ProviderIndex == replacement.ProviderIndex);
        if (at >= 0)
        {
            attempts[at] = replacement;
        }
        else
        {
            attempts.Add(replacement);
        }

        Report(replacement, cursor.Calls);
    }

    private void Report(FailoverAttempt attempt, int callAttempt)
    {
        if (attempt.WasSkipped)
        {
            _telemetry.AttemptSkipped(attempt);
        }
        else
        {
            _telemetry.AttemptFailed(attempt, callAttempt, itemsDelivered: 0);
        }
    }

    private void NotifySwitched(int index, WalkCursor cursor)
    {
        if (cursor.Attempts is { } passedOver)
        {
            _telemetry.Switched(new FailoverSwitch(_entries[index].Name, index, passedOver.ToArray()));
        }
    }

    private FailoverAttempt Skipped(int index, Admission admission, Cooldown cooldown) =>
        new(
            _entries[index].Name,
            index,
            admission == Admission.SkipCoolingDown ? FailoverAttemptOutcome.SkippedCoolingDown : FailoverAttemptOutcome.SkippedProbeInFlight,
            cooldown.Reason,
            statusCode: null,
            retryAfter: null,
            TimeSpan.Zero,
            requests: 0,
            admission == Admission.SkipCoolingDown ? cooldown.Remaining : null,
            exception: null,
            cooldown.Group);

    private FallbackChainExhaustedException Exhausted(WalkCursor cursor, CallScope scope)
    {
        var exhausted = new FallbackChainExhaustedException(
            cursor.Attempts ?? new List<FailoverAttempt>(), _time.GetElapsedTime(scope.Started), _entries.Length, scope.DeadlineReached);
        _telemetry.Exhausted(exhausted);
        return exhausted;
    }
}
