using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Polly;

namespace FailoverGen;

/// <summary>The one failover walk every member kind runs through, and the call to one provider inside it.</summary>
public sealed partial class FallbackChain<TProvider>
{
    /// <summary>Runs one call's walk with its deadline, when the options set one; in a span when someone listens.</summary>
    private ValueTask<TResult> RunAsync<TState, TResult>(
        TState state,
        Func<TProvider, TState, CancellationToken, ValueTask<TResult>> operation,
        FailoverPolicy policy,
        CancellationToken cancellationToken) =>
        FailoverTracing.Source.HasListeners()
            ? RunTracedAsync(state, operation, policy, cancellationToken)
            : RunUntracedAsync(state, operation, policy, cancellationToken);

    /// <summary>The call nobody traces: no span, and no exception handler around the walk.</summary>
    private async ValueTask<TResult> RunUntracedAsync<TState, TResult>(
        TState state,
        Func<TProvider, TState, CancellationToken, ValueTask<TResult>> operation,
        FailoverPolicy policy,
        CancellationToken cancellationToken)
    {
        long started = _time.GetTimestamp();
        ChainPlan plan = Volatile.Read(ref _plan);
        if (plan.Options.TotalRequestTimeout is not TimeSpan limit)
        {
            return await WalkAsync(state, operation, plan.Effective(policy), new CallScope(cancellationToken, null, started), StartCursor(plan), streaming: false).ConfigureAwait(false);
        }

        using var deadline = new CallDeadline(_time, limit, cancellationToken);
        return await WalkAsync(state, operation, plan.Effective(policy), new CallScope(cancellationToken, deadline, started), StartCursor(plan), streaming: false).ConfigureAwait(false);
    }

    private async ValueTask<TResult> RunTracedAsync<TState, TResult>(
        TState state,
        Func<TProvider, TState, CancellationToken, ValueTask<TResult>> operation,
        FailoverPolicy policy,
        CancellationToken cancellationToken)
    {
        long started = _time.GetTimestamp();
        ChainPlan plan = Volatile.Read(ref _plan);
        Activity? call = FailoverTracing.StartCall(_callSpanName, _name, _time);
        using CallDeadline? deadline = plan.Options.TotalRequestTimeout is TimeSpan limit ? new CallDeadline(_time, limit, cancellationToken) : null;
        try
        {
            return await WalkAsync(state, operation, plan.Effective(policy), new CallScope(cancellationToken, deadline, started, call), StartCursor(plan), streaming: false).ConfigureAwait(false);
        }
        catch (Exception ex) when (call is not null && FailCall(call, ex))
        {
            // Not reached: recording the failure on the span lets it propagate untouched.
            throw;
        }
    }

    /// <summary>Where a call starts: its scope's order, or the plan's order with the sticky fallback first.</summary>
    private WalkCursor StartCursor(ChainPlan plan) =>
        new(plan, ScopedOrder() is int[] scoped ? plan.Enabled(scoped) : plan.StartOrder(_time.GetUtcNow()));

    /// <summary>The providers the running call may use: its scope's subset, or all the enabled ones.</summary>
    private int[] CurrentOrder()
    {
        ChainPlan plan = Volatile.Read(ref _plan);
        return ScopedOrder() is int[] scoped ? plan.Enabled(scoped) : plan.Order;
    }

    /// <summary>The order of the <see cref="FailoverScope"/> the running call is in, when one applies to this chain.</summary>
    private int[]? ScopedOrder() => FailoverScope.Current?.OrderFor(this, _name, ProviderNames);

    /// <summary>
    /// Walks the chain from <paramref name="cursor"/> until a provider succeeds: providers in order, skipping those
    /// cooling down; the soonest-available one when every provider was cooling; then the last-chance probe. Ends in
    /// the caller's cancellation, an error that is not fallback-safe (unchanged), or the exhaustion error.
    /// </summary>
    private async ValueTask<TResult> WalkAsync<TState, TResult>(
        TState state,
        Func<TProvider, TState, CancellationToken, ValueTask<TResult>> operation,
        FailoverPolicy policy,
        CallScope scope,
        WalkCursor cursor,
        bool streaming)
    {
        while (true)
        {
            ThrowIfCallerCanceled(scope.CallerToken, inner: null);
            if (scope.DeadlineReached)
            {
                throw Exhausted(cursor, scope);
            }

            int index;
            Admission admission;
            long generation;
            bool replacesSkip;
            DateTimeOffset now = _time.GetUtcNow();
            if (cursor.Position < cursor.Length)
            {
                if (cursor.Position < cursor.Order.Length)
                {
                    index = cursor.Order[cursor.Position++];
                    if (IsDegraded(cursor.Plan, index, now))
                    {
                        // Slow, not failing: it keeps its turn, after the providers answering at their usual speed.
                        (cursor.Deferred ??= new List<int>()).Add(index);
                        continue;
                    }
                }
                else
                {
                    index = cursor.Deferred![cursor.Position++ - cursor.Order.Length];
                }

                admission = _store.TryEnter(index, now, out Cooldown cooldown, out generation);
                if (admission is Admission.SkipCoolingDown or Admission.SkipProbeInFlight)
                {
                    PassOver(ref cursor, Skipped(index, admission, cooldown));
                    continue;
                }

                replacesSkip = false;
            }
            else if (!cursor.Called && !cursor.Forced)
            {
                // Every provider is cooling down. Failing now would report "all failed" without a single request,
                // so the provider whose cooldown ends first is called anyway.
                cursor.Forced = true;
                index = _store.SoonestAvailable(cursor.Order);
                admission = Admission.Forced;
                generation = _store.GenerationOf(index);
                replacesSkip = true;
            }
            else if (!cursor.LastChanceTaken && LastChanceCandidate(cursor, scope, out index, out TimeSpan wait))
            {
                cursor.LastChanceTaken = true;
                if (wait > TimeSpan.Zero)
                {
                    await WaitAsync(wait, scope).ConfigureAwait(false);
                    if (scope.DeadlineReached)
                    {
                        throw Exhausted(cursor, scope);
                    }
                }

                now = _time.GetUtcNow();
                admission = _store.TryEnter(index, now, out _, out generation);
                if (admission is Admission.SkipCoolingDown or Admission.SkipProbeInFlight)
                {
                    // Another call took the probe, or the provider failed again meanwhile.
                    continue;
                }

                replacesSkip = true;
            }
            else
            {
                throw Exhausted(cursor, scope);
            }

            cursor.Called = true;
            cursor.Calls++;
            var slot = new AttemptSlot(index, cursor.Calls, admission, generation, now);
            ProviderOutcome<TResult> outcome = await CallAsync(slot, cursor.Plan.Routes[index], state, operation, policy, scope, streaming).ConfigureAwait(false);
            if (outcome.Failure is null)
            {
                NotifySwitched(index, cursor);
                if (scope.Span is not null)
                {
                    EndCall(scope.Span, index, cursor);
                }

                if (streaming)
                {
                    (outcome.Result as IWalkOutcome)?.RecordWalk(slot, cursor);
                }

                return outcome.Result;
            }

            if (replacesSkip)
            {
                ReplaceSkip(ref cursor, outcome.Failure);
            }
            else
            {
                PassOver(ref cursor, outcome.Failure);
            }
        }
    }

    /// <summary>
    /// Calls one provider, in the attempt's span: its first request straight to it when the route allows, the pipeline
    /// only when a request needs retrying or a timeout. Failures come back as Polly outcomes and are read from the
    /// provider's task without awaiting it, so the provider's own exception is the only one thrown. A success or a
    /// fallback-eligible failure comes back as an outcome; an error that is not fallback-safe propagates unchanged, and
    /// once the caller has cancelled, the caller gets an <see cref="OperationCanceledException"/> for its own token with
    /// the provider's error inside. A stream's success is reported when the stream ends, by the streaming loop.
    /// </summary>
    private async ValueTask<ProviderOutcome<TResult>> CallAsync<TState, TResult>(
        AttemptSlot slot,
        ProviderRoute route,
        TState state,
        Func<TProvider, TState, CancellationToken, ValueTask<TResult>> operation,
        FailoverPolicy policy,
        CallScope scope,
        bool streaming,
        StartedRequest<TResult>? sent = null)
    {
        int index = slot.Index;
        long started = sent?.Started ?? _time.GetTimestamp();
        bool reported = _telemetry.FollowsEveryAttempt;
        if (reported)
        {
            _telemetry.AttemptStarted(index, slot.Attempt, slot.Admission);
        }

        Activity? span = FailoverTracing.StartAttempt(_labels[index], slot.Attempt, slot.Admission == Admission.Probe, _time);
        TProvider provider = _entries[index].Provider;
        Outcome<TResult> outcome;
        AttemptProgress? progress = null;
        Verdict verdict = default;
        bool judged = false;
        if (sent is not null || (streaming ? route.StreamDirectFirst : route.DirectFirst))
        {
            ValueTask<TResult> request = sent?.Request ?? ProviderRequest.Start(operation, provider, state, scope.Token);
            outcome = request.IsCompleted ? ProviderRequest.Read(request) : await ProviderRequest.SettleAsync(request).ConfigureAwait(false);
            // A recovery probe is never retried: its failure says the provider is still down, and asking again at once
            // would double the load on a provider that is struggling.
            if (outcome.Exception is Exception first && route.Retries && slot.Admission != Admission.Probe && !scope.Token.IsCancellationRequested)
            {
                verdict = _classifier.Judge(first, policy);
                judged = true;
                if (Volatile.Read(ref _plan).Retry.WorthRetrying(index, first, verdict, scope.Deadline, out _))
                {
                    (outcome, progress) = await RetryAsync(route, provider, state, operation, policy, scope, outcome, verdict).ConfigureAwait(false);
                    judged = false;
                }
            }
        }
        else
        {
            ResilienceContext context = Context(policy, scope, probe: slot.Admission == Admission.Probe);
            try
            {
                outcome = await (streaming ? route.StreamPipeline : route.Pipeline).ExecuteOutcomeAsync(
                    static (ctx, s) =>
                    {
                        ProviderPipelines.CountRequest(ctx);
                        return ProviderRequest.Outcome(s.operation, s.provider, s.state, ctx.CancellationToken);
                    },
                    context,
                    (operation, provider, state)).ConfigureAwait(false);
                context.Properties.TryGetValue(AttemptProgress.Key, out progress);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        if (outcome.Exception is not Exception error)
        {
            TResult result = outcome.Result!;
            TimeSpan duration = _time.GetElapsedTime(started);
            var succeeded = new DateTimeOffset(slot.AdmittedUtcTicks + duration.Ticks, TimeSpan.Zero);
            _store.OnSuccess(index, slot.Admission, slot.Generation, succeeded);
            Volatile.Read(ref _plan).OnSuccess(index, succeeded);
            RecordLatency(index, duration, succeeded);

            if (reported || span is not null || streaming)
            {
                int requests = progress?.Requests ?? 1;
                if (streaming)
                {
                    (result as IWalkOutcome)?.RecordAttempt(started, duration, requests);
                }
                else if (reported)
                {
                    _telemetry.AttemptSucceeded(index, slot.Attempt, duration, requests, timeToFirstItem: null, items: null);
                }

                if (span is not null)
                {
                    FailoverTracing.Succeeded(span, requests, _time);
                }
            }

            return new ProviderOutcome<TResult>(result);
        }

        if (!judged && progress is not null && progress.TryGetVerdict(error, out Verdict known))
        {
            verdict = known;
            judged = true;
        }

        if (!Intercepts(error, policy, scope, judged, ref verdict))
        {
            // Not fallback-safe, or already the caller's own cancellation: it propagates unchanged, and says nothing
            // about the provider's health.
            _store.OnNoVerdict(index, slot.Admission);
            if (span is not null)
            {
                FailSpan(span, error);
            }

            ExceptionDispatchInfo.Capture(error).Throw();
        }

        if (scope.CallerToken.IsCancellationRequested)
        {
            _store.OnNoVerdict(index, slot.Admission);
            Exception canceled = CallerCanceled(scope.CallerToken, error);
            if (span is not null)
            {
                FailoverTracing.Fail(span, "The caller cancelled the call.", canceled, _time);
            }

            throw canceled;
        }

        DateTimeOffset now = _time.GetUtcNow();
        FailureClassification failure;
        bool providerSpoke = judged || progress?.LastError is not null;
        if (scope.DeadlineReached && !providerSpoke)
        {
            // The deadline cut the attempt short before the provider said anything: the attempt simply timed out,
            // which is no verdict on the provider.
            failure = new FailureClassification(FailoverReason.Timeout);
            _store.OnNoVerdict(index, slot.Admission);
        }
        else
        {
            // With the deadline passed, what the provider had said before it is still the real failure.
            failure = scope.DeadlineReached && progress?.LastError is not null ? progress.LastVerdict.Failure : verdict.Failure;
            RecordFailure(slot, failure, now);
        }

        var failed = new FailoverAttempt(
            _entries[index].Name,
            index,
            FailoverAttemptOutcome.Failed,
            failure.Reason,
            failure.StatusCode,
            failure.GetRetryDelay(now),
            _time.GetElapsedTime(started),
            progress?.Requests ?? 1,
            cooldownRemaining: null,
            error);
        if (span is not null)
        {
            FailoverTracing.Failed(span, failed, _time);
        }

        return new ProviderOutcome<TResult>(failed);
    }

    /// <summary>
    /// Retries a provider whose first request, sent outside the pipeline, failed in a way worth retrying: the pipeline's
    /// first execution replays that failure, so its backoff and attempt count start from the request already made.
    /// </summary>
    private static async ValueTask<(Outcome<TResult> Outcome, AttemptProgress Progress)> RetryAsync<TState, TResult>(
        ProviderRoute route,
        TProvider provider,
        TState state,
        Func<TProvider, TState, CancellationToken, ValueTask<TResult>> operation,
        FailoverPolicy policy,
        CallScope scope,
        Outcome<TResult> first,
        Verdict verdict)
    {
        ResilienceContext context = Context(policy, scope, probe: false);
        try
        {
            AttemptProgress progress = AttemptProgress.Of(context);
            progress.Record(first.Exception!, verdict);
            progress.Replay = first;
            Outcome<TResult> outcome = await route.Pipeline.ExecuteOutcomeAsync(
                static (ctx, s) =>
                {
                    AttemptProgress progress = AttemptProgress.Of(ctx);
                    if (progress.TakeReplay() is Outcome<TResult> replayed)
                    {
                        return new ValueTask<Outcome<TResult>>(replayed);
                    }

                    progress.Requests++;
                    return ProviderRequest.Outcome(s.operation, s.provider, s.state, ctx.CancellationToken);
                },
                context,
                (operation, provider, state)).ConfigureAwait(false);
            return (outcome, progress);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static ResilienceContext Context(FailoverPolicy policy, CallScope scope, bool probe)
    {
        ResilienceContext context = ResilienceContextPool.Shared.Get(scope.Token);
        context.Properties.Set(ProviderPipelines.PolicyKey, policy);
        if (probe)
        {
            context.Properties.Set(ProviderPipelines.ProbeKey, true);
        }

        if (scope.Deadline is not null)
        {
            context.Properties.Set(ProviderPipelines.DeadlineKey, scope.Deadline);
        }

        return context;
    }

    /// <summary>
    /// True when the walk handles <paramref name="exception"/>: the caller cancelled (unless it already is the caller's
    /// own cancellation), the deadline passed, or the policy fails it over. The failure is classified at most once.
    /// </summary>
    private bool Intercepts(Exception exception, FailoverPolicy policy, CallScope scope, bool judged, ref Verdict verdict)
    {
        if (scope.CallerToken.IsCancellationRequested)
        {
            return !IsCancellationOf(exception, scope.CallerToken);
        }

        if (scope.DeadlineReached)
        {
            return true;
        }

        if (!judged)
        {
            verdict = _classifier.Judge(exception, policy);
        }

        return verdict.Eligible;
    }

    /// <summary>
    /// After every provider tried has failed, one provider skipped as cooling may still be worth a request: the one
    /// whose cooldown ends soonest, when it ends within <see cref="FallbackChainOptions.MaxRetryAfterWait"/> and
    /// before the call's deadline. The walk waits out the rest of that cooldown, then probes it.
    /// </summary>
    private bool LastChanceCandidate(WalkCursor cursor, CallScope scope, out int index, out TimeSpan wait)
    {
        index = -1;
        wait = TimeSpan.MaxValue;
        if (cursor.Attempts is null)
        {
            return false;
        }

        DateTimeOffset now = _time.GetUtcNow();
        foreach (FailoverAttempt attempt in cursor.Attempts)
        {
            if (attempt.Outcome == FailoverAttemptOutcome.SkippedCoolingDown
                && _store.TryGetCooldownLeft(attempt.ProviderIndex, now, out TimeSpan left)
                && left < wait)
            {
                wait = left;
                index = attempt.ProviderIndex;
            }
        }

        return index >= 0 && wait <= cursor.Plan.Options.MaxRetryAfterWait && wait < scope.Remaining(now);
    }

    private async ValueTask WaitAsync(TimeSpan wait, CallScope scope)
    {
        try
        {
#if NET
            await Task.Delay(wait, _time, scope.Token).ConfigureAwait(false);
#else
            await _time.Delay(wait, scope.Token).ConfigureAwait(false);
#endif
        }
        catch (OperationCanceledException ex)
        {
            ThrowIfCallerCanceled(scope.CallerToken, ex);

            // The deadline ended the wait: the walk reports it.
        }
    }

    private static void ThrowIfCallerCanceled(CancellationToken callerToken, Exception? inner)
    {
        if (callerToken.IsCancellationRequested)
        {
            throw CallerCanceled(callerToken, inner);
        }
    }

    /// <summary>
    /// The caller's cancellation, as .NET reports it: an <see cref="OperationCanceledException"/> for the caller's own
    /// token, with the provider's error inside when one was in flight.
    /// </summary>
    private static Exception CallerCanceled(CancellationToken callerToken, Exception? inner)
    {
        if (inner is not null && IsCancellationOf(inner, callerToken))
        {
            ExceptionDispatchInfo.Capture(inner).Throw();
        }

        return new OperationCanceledException("The operation was canceled.", inner, callerToken);
    }

    private static bool IsCancellationOf(Exception exception, CancellationToken token) =>
        exception is OperationCanceledException canceled && canceled.CancellationToken == token;
}
