using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace FailoverGen;

/// <summary>Streaming members: fail over until the first item reaches the caller, never truncate silently after that.</summary>
public sealed partial class FallbackChain<TProvider>
{
    /// <summary>
    /// Runs an <see cref="IAsyncEnumerable{T}"/>-returning member through the chain. A provider that fails before its
    /// first item is failed over like any call (transient failures retried first); once an item has reached the
    /// caller, a failure ends the stream with <see cref="FailoverStreamInterruptedException"/>, or restarts on the next
    /// provider when <see cref="FallbackChainOptions.RestartStreamsOnFailure"/> is set.
    /// </summary>
    /// <param name="state">The call's arguments.</param>
    /// <param name="operation">Starts one provider's stream; receives the token to pass on.</param>
    /// <param name="policy">Which failures move to the next provider.</param>
    /// <param name="cancellationToken">The caller's token; combined with the token given to <c>WithCancellation</c>.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public IAsyncEnumerable<TItem> ExecuteStreamAsync<TState, TItem>(
        TState state,
        Func<TProvider, TState, CancellationToken, IAsyncEnumerable<TItem>> operation,
        FailoverPolicy policy,
        CancellationToken cancellationToken = default)
    {
        ThrowIfNull(operation, policy);
        return new ChainStream<TState, TItem>(this, state, operation, policy, continuation: null, cancellationToken);
    }

    /// <summary>
    /// Runs an <see cref="IAsyncEnumerable{T}"/>-returning member through the chain, with a way to continue an answer
    /// on another provider when a stream breaks after items reached the caller
    /// (<see cref="FallbackChainOptions.ContinueStreamsOnFailure"/>).
    /// </summary>
    /// <param name="state">The call's arguments.</param>
    /// <param name="operation">Starts one provider's stream; receives the token to pass on.</param>
    /// <param name="policy">Which failures move to the next provider.</param>
    /// <param name="continuation">Builds the request that continues from the items delivered; null for none.</param>
    /// <param name="cancellationToken">The caller's token; combined with the token given to <c>WithCancellation</c>.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public IAsyncEnumerable<TItem> ExecuteResumableStreamAsync<TState, TItem>(
        TState state,
        Func<TProvider, TState, CancellationToken, IAsyncEnumerable<TItem>> operation,
        FailoverPolicy policy,
        StreamContinuation<TState, TItem>? continuation,
        CancellationToken cancellationToken)
    {
        ThrowIfNull(operation, policy);
        return new ChainStream<TState, TItem>(this, state, operation, policy, continuation, cancellationToken);
    }

    /// <summary>
    /// Once a stream has its first item, where the failover was decided, the caller reads the provider's items through
    /// <see cref="ChainStream{TState, TItem}.Enumerator.MoveNextAsync"/>, which passes each one on without an await of
    /// its own while the provider's items come at once; the walk, restarts and failures run in <see cref="AdvanceAsync"/>.
    /// </summary>
    private async ValueTask<bool> AdvanceAsync<TState, TItem>(ChainStream<TState, TItem>.Enumerator stream, Exception? error)
    {
        int resumedFrom = -1;
        int delivered = 0;
        if (error is null)
        {
            stream.Token.ThrowIfCancellationRequested();
            ChainPlan plan = Volatile.Read(ref _plan);
            stream.Plan = plan;
            stream.Policy = plan.Effective(stream.Policy);
            FallbackChainOptions options = plan.Options;
            stream.Deadline = options.TotalRequestTimeout is TimeSpan limit ? new CallDeadline(_time, limit, stream.Token) : null;
            stream.Scope = new CallScope(stream.Token, stream.Deadline, _time.GetTimestamp());
            stream.Limits = !plan.HasFirstItemLimits && options.StreamIdleTimeout is null && stream.Deadline is null
                ? null
                : new StreamLimits(_time, plan.FirstItemLimits, options.StreamIdleTimeout);
            stream.RestartAllowed = options.RestartStreamsOnFailure;
            if (options.ContinueStreamsOnFailure)
            {
                stream.AllowContinuation();
            }
            stream.Cursor = StartCursor(plan);
            stream.Span = FailoverTracing.StartCall(_callSpanName, _name, _time);
        }
        else
        {
            // Output has reached the caller: the provider still counts the failure if it is at fault, but the stream
            // is only restarted elsewhere when the caller opted in to receiving a second answer after the partial one.
            StreamHead<TItem> failed = stream.Head!;
            int yielded = stream.Yielded;
            delivered = stream.Delivered;
            int index = failed.Slot.Index;
            await stream.CloseProviderAsync().ConfigureAwait(false);
            if (stream.Token.IsCancellationRequested)
            {
                throw FailStream(stream.Span, CallerCanceled(stream.Token, error));
            }

            // The call's deadline ended the stream, not the provider: it is not the provider's failure, and nothing
            // can be restarted in a call whose time is up.
            bool deadlineReached = stream.Scope.DeadlineReached;
            if (deadlineReached)
            {
                error = new TimeoutException("The call's deadline (TotalRequestTimeout) passed while the stream was being read.", error);
            }

            Verdict verdict = _classifier.Judge(error, stream.Policy);
            DateTimeOffset now = _time.GetUtcNow();
            if (verdict.Eligible && !deadlineReached)
            {
                RecordFailure(failed.Slot, verdict.Failure, now);
            }

            var interrupted = new FailoverAttempt(
                _entries[index].Name, index, FailoverAttemptOutcome.Failed, verdict.Failure.Reason, verdict.Failure.StatusCode,
                verdict.Failure.GetRetryDelay(now), _time.GetElapsedTime(failed.Started), failed.Requests, null, error);
            _telemetry.AttemptFailed(interrupted, failed.Slot.Attempt, yielded);
            var interruption = new FailoverStreamInterruptedException(_entries[index].Name, delivered, verdict.Failure.Reason, verdict.Failure.StatusCode, error);
            bool continues = stream.ContinueAllowed;
            if (!verdict.Eligible || deadlineReached || !(continues || stream.RestartAllowed))
            {
                throw FailStream(stream.Span, interruption);
            }

            WalkCursor resumed = failed.Cursor;
            (resumed.Attempts ??= new List<FailoverAttempt>(_entries.Length)).Add(interrupted);
            stream.Cursor = resumed;
            stream.Interruption = interruption;
            resumedFrom = index;
            if (continues)
            {
                stream.BeginContinuation();
            }
        }

        StreamHead<TItem> head;
        try
        {
            head = stream.Cursor.Called || !TryDirect(stream.Plan, stream.Token, out int index2, out long generation)
                ? await WalkStreamAsync(stream, stream.Policy, stream.Scope, stream.Cursor, stream.Span).ConfigureAwait(false)
                : await DirectStreamAsync(stream, index2, generation).ConfigureAwait(false);
        }
        catch (ContinuationRejectedException) when (stream.Interruption is { } original)
        {
            // The next provider refused to continue and no restart was allowed: the caller learns what broke the stream.
            throw FailStream(stream.Span, original);
        }

        stream.Started(head);
        if (resumedFrom >= 0 && head.Enumerator is not null)
        {
            _telemetry.StreamResumed(resumedFrom, head.Slot.Index, delivered, continued: stream.Continuing && !head.Restarted);
        }
        if (head.Enumerator is null)
        {
            StreamEnded(stream.Span, head, items: 0);
            return false;
        }

        return true;
    }

    /// <summary>
    /// The direct path for a stream: the primary's first item fetched without the walk; a start that fails continues in
    /// the walk as its first attempt.
    /// </summary>
    private async ValueTask<StreamHead<TItem>> DirectStreamAsync<TState, TItem>(ChainStream<TState, TItem>.Enumerator stream, int index, long generation)
    {
        long started = _time.GetTimestamp();
        ValueTask<StreamHead<TItem>> request = ProviderRequest.Start(StartStream<TState, TItem>.Operation, _entries[index].Provider, stream, stream.Scope.Token);
        var slot = new AttemptSlot(index, 1, Admission.Normal, generation, _time.GetUtcNow());
        WalkCursor cursor = stream.Cursor;
        cursor.Position = 1;
        cursor.Called = true;
        cursor.Calls = 1;
        if (request.IsCompletedSuccessfully)
        {
            StreamHead<TItem> head = request.Result;
            DirectSucceeded(index, started, generation);
            head.RecordAttempt(started, _time.GetElapsedTime(started), requests: 1);
            head.RecordWalk(slot, cursor);
            return head;
        }

        ProviderOutcome<StreamHead<TItem>> outcome = await CallAsync(
            slot, stream.Plan.Routes[index], stream, StartStream<TState, TItem>.Operation, stream.Policy, stream.Scope, streaming: true, new StartedRequest<StreamHead<TItem>>(request, started)).ConfigureAwait(false);
        if (outcome.Failure is null)
        {
            outcome.Result.RecordWalk(slot, cursor);
            return outcome.Result;
        }

        PassOver(ref cursor, outcome.Failure);
        return await WalkStreamAsync(stream, stream.Policy, stream.Scope, cursor, stream.Span).ConfigureAwait(false);
    }

    /// <summary>Walks the chain to the next stream's first item, as a child of the call span however the iterator resumed.</summary>
    private async ValueTask<StreamHead<TItem>> WalkStreamAsync<TState, TItem>(
        ChainStream<TState, TItem>.Enumerator call,
        FailoverPolicy policy,
        CallScope scope,
        WalkCursor cursor,
        Activity? span)
    {
        if (span is not null)
        {
            // An iterator resumes in its reader's context, so the call span is made current again for the attempts.
            Activity.Current = span;
        }

        try
        {
            return await WalkAsync(call, StartStream<TState, TItem>.Operation, policy, scope, cursor, streaming: true).ConfigureAwait(false);
        }
        catch (Exception ex) when (span is not null && FailCall(span, ex))
        {
            // Not reached: recording the failure on the span lets it propagate untouched.
            throw;
        }
    }

    /// <summary>Reports a stream that a provider served to its end (or until the caller stopped reading).</summary>
    private void StreamEnded<TItem>(Activity? call, StreamHead<TItem> head, int items)
    {
        if (_telemetry.FollowsEveryAttempt)
        {
            _telemetry.AttemptSucceeded(head.Slot.Index, head.Slot.Attempt, _time.GetElapsedTime(head.Started), head.Requests, head.TimeToFirstItem, items);
        }

        if (call is not null)
        {
            call.SetTag(TagNames.TimeToFirstItem, head.TimeToFirstItem.TotalSeconds);
            call.SetTag(TagNames.Items, items);
            EndCall(call, head.Slot.Index, head.Cursor);
        }
    }

    private Exception FailStream(Activity? call, Exception error)
    {
        if (call is not null)
        {
            FailCall(call, error);
        }

        return error;
    }
}
