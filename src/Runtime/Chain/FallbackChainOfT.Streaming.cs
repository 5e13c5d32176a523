using System;
using System.Collections.Generic;
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
    /// caller, a failure ends the stream with <see cref="FallbackStreamInterruptedException"/>, or restarts on the next
    /// provider when <see cref="FallbackChainOptions.RestartStreamsOnFailure"/> is set.
    /// </summary>
    /// <param name="state">The call's arguments.</param>
    /// <param name="operation">Starts one provider's stream; receives the token to pass on.</param>
    /// <param name="policy">Which failures move to the next provider.</param>
    /// <param name="cancellationToken">The caller's token; combined with the token given to <c>WithCancellation</c>.</param>
    public IAsyncEnumerable<TItem> ExecuteStream<TState, TItem>(
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
        long callStarted = _time.GetTimestamp();
        List<FailoverAttempt>? attempts = null;
        bool called = false;
        bool forced = false;
        int first = _sticky?.StartIndex(_time.GetUtcNow()) ?? 0;
        int position = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int index;
            Admission admission;
            long generation;
            if (position < _entries.Length)
            {
                index = IndexAt(first, position++);
                admission = _entries[index].Circuit.TryEnter(_time.GetUtcNow(), out TimeSpan remaining, out FailoverReason coolingReason, out generation);
                if (admission is Admission.SkipCoolingDown or Admission.SkipProbeInFlight)
                {
                    PassOver(ref attempts, Skipped(_entries[index], index, admission, remaining, coolingReason));
                    continue;
                }
            }
            else if (!called && !forced)
            {
                // Every provider is cooling down: the one whose cooldown ends first is tried anyway.
                forced = true;
                index = SoonestAvailableIndex();
                admission = Admission.Forced;
                generation = _entries[index].Circuit.Generation;
            }
            else
            {
                throw Exhausted(attempts, callStarted, deadlineExceeded: false);
            }

            called = true;
            ChainEntry<TProvider> entry = _entries[index];
            ProviderOutcome<StreamHead<TItem>> head = await CallAsync(
                entry, entry.StreamPipeline, index, admission, generation, (operation, state), StartStreamAsync, policy, cancellationToken, cancellationToken).ConfigureAwait(false);
            if (head.Failure is not null)
            {
                if (forced)
                {
                    ReplaceAttempt(attempts!, head.Failure);
                    Notify(_options.OnAttempt, head.Failure);
                }
                else
                {
                    PassOver(ref attempts, head.Failure);
                }

                continue;
            }

            NotifySwitched(entry, index, attempts);
            IAsyncEnumerator<TItem>? enumerator = head.Result.Enumerator;
            if (enumerator is null)
            {
                yield break;
            }

            int yielded = 0;
            try
            {
                while (true)
                {
                    yield return enumerator.Current;
                    yielded++;
                    (bool hasNext, Exception? error) = await MoveNextAsync(enumerator, cancellationToken).ConfigureAwait(false);
                    if (error is null)
                    {
                        if (!hasNext)
                        {
                            yield break;
                        }

                        continue;
                    }

                    // Output has reached the caller: the provider still cools down if it is at fault, but the stream is only
                    // restarted elsewhere when the caller opted in to receiving a second answer after the partial one.
                    bool eligible = IsFallbackEligible(error, policy, cancellationToken, cancellationToken, out FailureClassification failure);
                    DateTimeOffset now = _time.GetUtcNow();
                    if (eligible)
                    {
                        entry.Circuit.OnFailure(failure, now, _options.Cooldowns, generation);
                    }

                    if (!eligible || !_options.RestartStreamsOnFailure)
                    {
                        throw new FallbackStreamInterruptedException(entry.Name, yielded, failure.Reason, failure.StatusCode, error);
                    }

                    PassOver(ref attempts, new FailoverAttempt(
                        entry.Name, index, FailoverAttemptOutcome.Failed, failure.Reason, failure.StatusCode, failure.GetRetryDelay(now), TimeSpan.Zero, 1, null, error));
                    break;
                }
            }
            finally
            {
                await enumerator.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Gets a stream to its first item; the stream is disposed if that fails, so a retry starts clean.</summary>
    private static async ValueTask<StreamHead<TItem>> StartStreamAsync<TState, TItem>(
        TProvider provider,
        (Func<TProvider, TState, CancellationToken, IAsyncEnumerable<TItem>> operation, TState state) call,
        CancellationToken token)
    {
        IAsyncEnumerator<TItem> enumerator = call.operation(provider, call.state, token).GetAsyncEnumerator(token);
        bool hasItem;
        try
        {
            hasItem = await enumerator.MoveNextAsync().ConfigureAwait(false);
        }
        catch
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        if (hasItem)
        {
            return new StreamHead<TItem>(enumerator);
        }

        await enumerator.DisposeAsync().ConfigureAwait(false);
        return new StreamHead<TItem>(null);
    }

    /// <summary>Moves on without letting the exception escape, so the iterator can decide what it means.</summary>
    private static async ValueTask<(bool HasNext, Exception? Error)> MoveNextAsync<TItem>(IAsyncEnumerator<TItem> enumerator, CancellationToken callerToken)
    {
        try
        {
            return (await enumerator.MoveNextAsync().ConfigureAwait(false), null);
        }
        catch (Exception ex) when (!callerToken.IsCancellationRequested)
        {
            return (false, ex);
        }
    }
}
