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
        return StreamAsync(state, operation, policy, cancellationToken);
    }

    private async IAsyncEnumerable<TItem> StreamAsync<TState, TItem>(
        TState state,
        Func<TProvider, TState, CancellationToken, IAsyncEnumerable<TItem>> operation,
        FailoverPolicy policy,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var scope = new CallScope(cancellationToken, deadline: null, _time.GetTimestamp());
        ChainPlan plan = Volatile.Read(ref _plan);
        policy = plan.Effective(policy);
        WalkCursor cursor = StartCursor(plan);
        Activity? call = FailoverTracing.StartCall(_callSpanName, _name, _time);
        try
        {
            while (true)
            {
                StreamHead<TItem> head = await WalkStreamAsync((operation, state), policy, scope, cursor, call).ConfigureAwait(false);
                cursor = head.Cursor;
                int index = head.Slot.Index;
                IAsyncEnumerator<TItem>? enumerator = head.Enumerator;
                if (enumerator is null)
                {
                    StreamEnded(call, head, items: 0);
                    yield break;
                }

                int yielded = 0;
                Exception? error = null;
                try
                {
                    yield return head.First;
                    yielded++;
                    while (true)
                    {
                        (bool hasNext, TItem item, error) = await NextAsync(enumerator).ConfigureAwait(false);
                        if (error is not null)
                        {
                            break;
                        }

                        if (!hasNext)
                        {
                            yield break;
                        }

                        yield return item;
                        yielded++;
                    }
                }
                finally
                {
                    await enumerator.DisposeAsync().ConfigureAwait(false);
                    if (error is null)
                    {
                        // The stream ended, or the caller stopped reading: either way the provider served the call.
                        StreamEnded(call, head, yielded);
                    }
                }

                // Output has reached the caller: the provider still counts the failure if it is at fault, but the stream
                // is only restarted elsewhere when the caller opted in to receiving a second answer after the partial one.
                if (cancellationToken.IsCancellationRequested)
                {
                    throw FailStream(call, CallerCanceled(cancellationToken, error));
                }

                Verdict verdict = _classifier.Judge(error, policy);
                DateTimeOffset now = _time.GetUtcNow();
                if (verdict.Eligible)
                {
                    RecordFailure(head.Slot, verdict.Failure, now);
                }

                var interrupted = new FailoverAttempt(
                    _entries[index].Name, index, FailoverAttemptOutcome.Failed, verdict.Failure.Reason, verdict.Failure.StatusCode,
                    verdict.Failure.GetRetryDelay(now), _time.GetElapsedTime(head.Started), head.Requests, null, error);
                _telemetry.AttemptFailed(interrupted, head.Slot.Attempt, yielded);
                if (!verdict.Eligible || !plan.Options.RestartStreamsOnFailure)
                {
                    throw FailStream(call, new FailoverStreamInterruptedException(_entries[index].Name, yielded, verdict.Failure.Reason, verdict.Failure.StatusCode, error));
                }

                (cursor.Attempts ??= new List<FailoverAttempt>(_entries.Length)).Add(interrupted);
            }
        }
        finally
        {
            if (call is not null && !call.IsStopped)
            {
                // The caller stopped reading before the stream ended.
                FailoverTracing.Stop(call, _time);
            }
        }
    }

    /// <summary>Walks the chain to the next stream's first item, as a child of the call span however the iterator resumed.</summary>
    private async ValueTask<StreamHead<TItem>> WalkStreamAsync<TState, TItem>(
        (Func<TProvider, TState, CancellationToken, IAsyncEnumerable<TItem>> operation, TState state) call,
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
            return await WalkAsync(call, StartStreamAsync, policy, scope, cursor, streaming: true).ConfigureAwait(false);
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

    /// <summary>
    /// Gets a stream to its first item, read here so that a failure in <c>MoveNextAsync</c> or in <c>Current</c> before
    /// anything reached the caller still fails over. The stream is disposed if that fails, so a retry starts clean.
    /// </summary>
    private static async ValueTask<StreamHead<TItem>> StartStreamAsync<TState, TItem>(
        TProvider provider,
        (Func<TProvider, TState, CancellationToken, IAsyncEnumerable<TItem>> operation, TState state) call,
        CancellationToken token)
    {
        IAsyncEnumerator<TItem> enumerator = call.operation(provider, call.state, token).GetAsyncEnumerator(token);
        try
        {
            if (await enumerator.MoveNextAsync().ConfigureAwait(false))
            {
                return new StreamHead<TItem>(enumerator, enumerator.Current);
            }
        }
        catch
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        await enumerator.DisposeAsync().ConfigureAwait(false);
        return new StreamHead<TItem>(null, default!);
    }

    /// <summary>Moves on and reads the item without letting an exception escape, so the iterator can decide what it means.</summary>
    private static async ValueTask<(bool HasNext, TItem Item, Exception? Error)> NextAsync<TItem>(IAsyncEnumerator<TItem> enumerator)
    {
        try
        {
            return await enumerator.MoveNextAsync().ConfigureAwait(false)
                ? (true, enumerator.Current, null)
                : (false, default!, null);
        }
        catch (Exception ex)
        {
            return (false, default!, ex);
        }
    }
}
