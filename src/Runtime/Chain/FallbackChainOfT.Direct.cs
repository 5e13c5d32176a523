using System;
using System.Threading;
using System.Threading.Tasks;

namespace FailoverGen;

/// <summary>
/// The direct path: when the primary is healthy and nothing needs the walk (no scope, deadline, sticky mode, listener,
/// cooldown or degradation), a call goes straight to it. A request that completes at once is returned as the provider
/// returned it, with nothing allocated; one that is still running, or failed, continues in the walk as its first attempt.
/// </summary>
public sealed partial class FallbackChain<TProvider>
{
    /// <summary>Whether the call may go straight to <paramref name="index"/>; read in the order cheapest first.</summary>
    private bool TryDirect(CancellationToken cancellationToken, out ChainPlan plan, out int index, out long generation)
    {
        plan = Volatile.Read(ref _plan);
        return TryDirect(plan, cancellationToken, out index, out generation);
    }

    private bool TryDirect(ChainPlan plan, CancellationToken cancellationToken, out int index, out long generation)
    {
        index = plan.Direct;
        generation = 0;
        return index >= 0
            && FailoverScope.Current is null
            && !_telemetry.FollowsEveryAttempt
            && !cancellationToken.IsCancellationRequested
            && !FailoverTracing.Source.HasListeners()
            && _store.IsClosed(index, out generation)
            && !(plan.Options.Health.DetectDegradation && _health[index].MaybeDegraded);
    }

    /// <summary>Starts the clock for a direct request when this one is to be measured; 0 when it is not.</summary>
    private long DirectStarted(int index) => _samplers[index].ShouldMeasure() ? _time.GetTimestamp() : 0;

    /// <summary>Books a direct request that completed at once: measured when sampled, otherwise only counted.</summary>
    private void DirectSucceeded(int index, long started, long generation)
    {
        if (started == 0)
        {
            _store.OnUntimedSuccess(index);
            _health[index].CountUntimedSuccess();
            return;
        }

        TimeSpan duration = _time.GetElapsedTime(started);
        DateTimeOffset now = _time.GetUtcNow();
        _store.OnSuccess(index, Admission.Normal, generation, now);
        RecordLatency(index, duration, now);
    }

    /// <summary>
    /// A direct request that did not complete at once successfully: awaited and judged as the first attempt of a walk
    /// that then continues after it, as if the walk had sent it.
    /// </summary>
    private async ValueTask<TResult> ContinueDirectAsync<TState, TResult>(
        ValueTask<TResult> request,
        ChainPlan plan,
        int index,
        long generation,
        long started,
        TState state,
        Func<TProvider, TState, CancellationToken, ValueTask<TResult>> operation,
        FailoverPolicy policy,
        CancellationToken cancellationToken)
    {
        policy = plan.Effective(policy);
        long begun = started == 0 ? _time.GetTimestamp() : started;
        var scope = new CallScope(cancellationToken, deadline: null, begun);
        var slot = new AttemptSlot(index, 1, Admission.Normal, generation, _time.GetUtcNow() - _time.GetElapsedTime(begun));
        ProviderOutcome<TResult> outcome = await CallAsync(slot, plan.Routes[index], state, operation, policy, scope, streaming: false, new StartedRequest<TResult>(request, begun)).ConfigureAwait(false);
        if (outcome.Failure is null)
        {
            return outcome.Result;
        }

        // The primary is position 0 of the plan's order: the walk goes on from position 1.
        var cursor = new WalkCursor(plan, plan.Order) { Position = 1, Called = true, Calls = 1 };
        PassOver(ref cursor, outcome.Failure);
        return await WalkAsync(state, operation, policy, scope, cursor, streaming: false).ConfigureAwait(false);
    }
}
