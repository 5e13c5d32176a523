using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace FailoverGen;

/// <summary>The stream a streaming member returns: the walk until the first item, then the provider's items passed on.</summary>
public sealed partial class FallbackChain<TProvider>
{
    private sealed class ChainStream<TState, TItem> : IAsyncEnumerable<TItem>
    {
        private readonly FallbackChain<TProvider> _chain;
        private readonly (Func<TProvider, TState, CancellationToken, IAsyncEnumerable<TItem>> operation, TState state) _call;
        private readonly FailoverPolicy _policy;
        private readonly StreamContinuation<TState, TItem>? _continuation;
        private readonly CancellationToken _token;

        public ChainStream(
            FallbackChain<TProvider> chain,
            TState state,
            Func<TProvider, TState, CancellationToken, IAsyncEnumerable<TItem>> operation,
            FailoverPolicy policy,
            StreamContinuation<TState, TItem>? continuation,
            CancellationToken token)
        {
            _chain = chain;
            _call = (operation, state);
            _policy = policy;
            _continuation = continuation;
            _token = token;
        }

        /// <summary>Each enumeration is a call of its own; the token given here and the member's token both cancel it.</summary>
        public IAsyncEnumerator<TItem> GetAsyncEnumerator(CancellationToken cancellationToken = default)
        {
            CancellationTokenSource? linked = null;
            CancellationToken token = _token;
            if (cancellationToken.CanBeCanceled && cancellationToken != _token)
            {
                if (_token.CanBeCanceled)
                {
                    linked = CancellationTokenSource.CreateLinkedTokenSource(_token, cancellationToken);
                    token = linked.Token;
                }
                else
                {
                    token = cancellationToken;
                }
            }

            return new Enumerator(_chain, _call, _policy, _continuation, token, linked);
        }

        /// <summary>
        /// One enumeration. While a provider's items come at once, <see cref="MoveNextAsync"/> passes each one on without
        /// an await or an allocation of its own; anything else (the start, a pending item, a failure, the end) goes to
        /// the chain.
        /// </summary>
        internal sealed class Enumerator : IAsyncEnumerator<TItem>
        {
            private readonly FallbackChain<TProvider> _chain;
            private readonly CancellationTokenSource? _linked;
            private IAsyncEnumerator<TItem>? _provider;
            private StreamWatch? _watch;
            private List<TItem>? _delivered;
            private TItem _current = default!;
            private bool _done;

            public Enumerator(
                FallbackChain<TProvider> chain,
                (Func<TProvider, TState, CancellationToken, IAsyncEnumerable<TItem>> operation, TState state) call,
                FailoverPolicy policy,
                StreamContinuation<TState, TItem>? continuation,
                CancellationToken token,
                CancellationTokenSource? linked)
            {
                _chain = chain;
                Call = call;
                Continuation = continuation;
                Policy = policy;
                Token = token;
                _linked = linked;
            }

            public (Func<TProvider, TState, CancellationToken, IAsyncEnumerable<TItem>> operation, TState state) Call { get; }

            public CancellationToken Token { get; }

            /// <summary>The member's policy until the stream starts, then with the plan's triggers.</summary>
            public FailoverPolicy Policy { get; set; }

            public ChainPlan Plan { get; set; } = null!;

            public CallScope Scope { get; set; }

            public WalkCursor Cursor { get; set; }

            public Activity? Span { get; set; }

            /// <summary>The call's deadline, when it has one; it covers the whole stream.</summary>
            public CallDeadline? Deadline { get; set; }

            /// <summary>The limits each provider's stream is watched with; null when there are none and no deadline.</summary>
            public StreamLimits? Limits { get; set; }

            /// <summary>How to continue an answer on another provider; null when the member has none.</summary>
            public StreamContinuation<TState, TItem>? Continuation { get; }

            /// <summary>The arguments that continue the answer from the items delivered; set while continuing.</summary>
            public TState ContinuationState { get; private set; } = default!;

            /// <summary>True once a provider's stream broke and the next provider is asked to continue the answer.</summary>
            public bool Continuing { get; private set; }

            /// <summary>A provider refusing to continue may be asked for a clean restart instead.</summary>
            public bool RestartAllowed { get; set; }

            /// <summary>The failure that broke the stream, as the caller gets it if nothing can go on from there.</summary>
            public FailoverStreamInterruptedException? Interruption { get; set; }

            /// <summary>Items the caller received, kept only while a continuation may need them.</summary>
            public int Delivered => _delivered?.Count ?? Yielded;

            /// <summary>The items the caller received, while a continuation may need them.</summary>
            public IReadOnlyList<TItem> DeliveredItems => (IReadOnlyList<TItem>?)_delivered ?? Array.Empty<TItem>();

            /// <summary>A broken answer may be continued on another provider: the items delivered are being kept for it.</summary>
            public bool ContinueAllowed => _delivered is not null;

            /// <summary>Allows continuations for this stream when it has one: the items the caller receives are kept from now on.</summary>
            public void AllowContinuation()
            {
                if (Continuation is not null)
                {
                    _delivered ??= new List<TItem>();
                }
            }

            /// <summary>The next provider continues the answer from the items delivered.</summary>
            public void BeginContinuation()
            {
                ContinuationState = Continuation!.ContinueFrom(Call.state, _delivered!.ToArray());
                Continuing = true;
            }

            /// <summary>The position of <paramref name="provider"/> in the chain, found by reference (chains are short).</summary>
            public int IndexOf(TProvider provider)
            {
                ChainEntry<TProvider>[] entries = _chain._entries;
                for (int i = 0; i < entries.Length; i++)
                {
                    if (ReferenceEquals(entries[i].Provider, provider))
                    {
                        return i;
                    }
                }

                return 0;
            }

            /// <summary>True when <paramref name="error"/> is a provider refusing the continuing request itself.</summary>
            public bool IsRejection(Exception error) =>
                Continuation?.IsRejection?.Invoke(error) ?? _chain._classifier.Classify(error, Policy).Reason == FailoverReason.BadRequest;

            /// <summary>The stream being read: its provider, timing and where the walk stands.</summary>
            public StreamHead<TItem>? Head { get; private set; }

            /// <summary>Items of the current provider that reached the caller.</summary>
            public int Yielded { get; private set; }

            public TItem Current => _current;

            public ValueTask<bool> MoveNextAsync()
            {
                IAsyncEnumerator<TItem>? provider = _provider;
                if (provider is null)
                {
                    return _done ? default : Advance(error: null);
                }

                ValueTask<bool> next;
                try
                {
                    next = provider.MoveNextAsync();
                }
                catch (Exception ex)
                {
                    return Advance(ex);
                }

                if (!next.IsCompletedSuccessfully)
                {
                    return AwaitNextAsync(next);
                }

                return next.Result ? Take(provider) : EndAsync();
            }

            public async ValueTask DisposeAsync()
            {
                if (_provider is not null)
                {
                    // The caller stopped reading: the provider served the call all the same.
                    await CloseProviderAsync().ConfigureAwait(false);
                    _chain.StreamEnded(Span, Head!, Yielded);
                }

                _done = true;
                if (Span is not null && !Span.IsStopped)
                {
                    FailoverTracing.Stop(Span, _chain._time);
                }

                Deadline?.Dispose();
                _linked?.Dispose();
            }

            /// <summary>A provider's stream now reaching the caller, positioned on its first item.</summary>
            public void Started(StreamHead<TItem> head)
            {
                Head = head;
                _provider = head.Enumerator;
                _watch = head.Watch;
                _current = head.First;
                if (head.Restarted)
                {
                    // The caller was told to discard what it had: a later continuation starts from the new answer.
                    _delivered?.Clear();
                }

                if (head.Enumerator is not null)
                {
                    _delivered?.Add(head.First);
                }

                Yielded = head.Enumerator is null ? 0 : 1;
                _done = head.Enumerator is null;
            }

            public ValueTask CloseProviderAsync()
            {
                IAsyncEnumerator<TItem>? provider = _provider;
                StreamWatch? watch = _watch;
                _provider = null;
                _watch = null;
                if (watch is null)
                {
                    return provider?.DisposeAsync() ?? default;
                }

                if (provider is null)
                {
                    watch.Dispose();
                    return default;
                }

                return DisposeWatchedAsync(provider, watch);
            }

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            private ValueTask<bool> Take(IAsyncEnumerator<TItem> provider)
            {
                try
                {
                    _current = provider.Current;
                }
                catch (Exception ex)
                {
                    return Advance(ex);
                }

                Yielded++;
                _delivered?.Add(_current);
                return new ValueTask<bool>(true);
            }

            private async ValueTask<bool> AwaitNextAsync(ValueTask<bool> next)
            {
                StreamWatch? watch = _watch;
                bool more;
                try
                {
                    if (watch is null)
                    {
                        more = await next.ConfigureAwait(false);
                    }
                    else
                    {
                        watch.Start(watch.Limits.Idle);
                        Task<bool> pending = next.AsTask();
                        if (await Task.WhenAny(pending, watch.Stopped).ConfigureAwait(false) != pending)
                        {
                            // Silent past the limit or the deadline, and still not answering after being told to stop:
                            // the provider's stream is left to finish on its own, and the failure handled now.
                            _provider = null;
                            _watch = null;
                            Abandon(Head!.Enumerator!, pending, watch);
                            return await Advance(watch.Failure(Yielded, reported: null)).ConfigureAwait(false);
                        }

                        watch.Stop();
                        more = await pending.ConfigureAwait(false);
                    }
                }
                catch (Exception ex)
                {
                    return await Advance(watch?.Failure(Yielded, ex) ?? ex).ConfigureAwait(false);
                }

                return more ? await Take(_provider!).ConfigureAwait(false) : await EndAsync().ConfigureAwait(false);
            }

            private async ValueTask<bool> EndAsync()
            {
                await CloseProviderAsync().ConfigureAwait(false);
                _done = true;
                _chain.StreamEnded(Span, Head!, Yielded);
                return false;
            }

            /// <summary>Starts the stream, or handles a failure of the current provider; the stream is over unless it succeeds.</summary>
            private ValueTask<bool> Advance(Exception? error)
            {
                _done = true;
                return _chain.AdvanceAsync(this, error);
            }
        }
    }

    /// <summary>
    /// Gets a provider's stream to its first item, read here so that a failure in <c>MoveNextAsync</c> or in
    /// <c>Current</c> before anything reached the caller still fails over. The stream is disposed if that fails, so a
    /// retry starts clean; the failure is handed on in the task, not rethrown. With limits or a deadline, the stream is
    /// watched (<see cref="StreamWatch"/>): a provider silent past the first-item limit fails with
    /// <see cref="FailoverStreamTimeoutException"/>, and one that ignores its token is abandoned, not waited on.
    /// </summary>
    private static class StartStream<TState, TItem>
    {
        public static readonly Func<TProvider, ChainStream<TState, TItem>.Enumerator, CancellationToken, ValueTask<StreamHead<TItem>>> Operation =
            static (provider, stream, token) => stream.Continuing
                ? Continue(provider, stream, token)
                : StartOne(provider, stream, stream.Call.state, token);

        private static ValueTask<StreamHead<TItem>> StartOne(TProvider provider, ChainStream<TState, TItem>.Enumerator stream, TState state, CancellationToken token) =>
            stream.Limits is StreamLimits limits
                ? StartWatched(provider, stream, state, new StreamWatch(limits, limits.FirstItem[stream.IndexOf(provider)], token))
                : Start(stream.Call.operation(provider, state, token).GetAsyncEnumerator(token), watch: null);

        /// <summary>
        /// Asks the provider to continue the interrupted answer. One that refuses the continuing request itself is asked
        /// for a clean restart when the caller allows it (the head says so, so the caller is told to discard what it
        /// had); otherwise the refusal ends the stream with the failure that broke it. Any other failure fails over.
        /// </summary>
        private static ValueTask<StreamHead<TItem>> Continue(TProvider provider, ChainStream<TState, TItem>.Enumerator stream, CancellationToken token)
        {
            var head = new TaskCompletionSource<StreamHead<TItem>>(TaskCreationOptions.RunContinuationsAsynchronously);
            _ = ContinueAsync(provider, stream, token, head);
            return new ValueTask<StreamHead<TItem>>(head.Task);
        }

        private static async Task ContinueAsync(TProvider provider, ChainStream<TState, TItem>.Enumerator stream, CancellationToken token, TaskCompletionSource<StreamHead<TItem>> head)
        {
            Polly.Outcome<StreamHead<TItem>> continued = await ProviderRequest.SettleAsync(StartOne(provider, stream, stream.ContinuationState, token)).ConfigureAwait(false);
            if (continued.Exception is not Exception refused)
            {
                head.TrySetResult(continued.Result!);
                return;
            }

            if (token.IsCancellationRequested || !stream.IsRejection(refused))
            {
                head.TrySetException(refused);
                return;
            }

            if (!stream.RestartAllowed && stream.Continuation!.TextOf is null)
            {
                head.TrySetException(new ContinuationRejectedException(refused));
                return;
            }

            Polly.Outcome<StreamHead<TItem>> restarted = await ProviderRequest.SettleAsync(StartOne(provider, stream, stream.Call.state, token)).ConfigureAwait(false);
            if (restarted.Exception is not null || stream.Continuation!.TextOf is null)
            {
                if (restarted.Exception is null)
                {
                    restarted.Result!.Restarted = true;
                }

                Hand(head, restarted);
                return;
            }

            Hand(head, await ProviderRequest.SettleAsync(SpliceAsync(restarted.Result!, stream, refused)).ConfigureAwait(false));
        }

        /// <summary>
        /// Reads a restarted answer over the text the caller already has: when it begins with exactly that text, the head
        /// is moved to the first new text (an item straddling the boundary keeps only its new part); otherwise the answers
        /// differ and the stream ends with the failure that broke it (<see cref="ContinuationRejectedException"/>).
        /// </summary>
        private static async ValueTask<StreamHead<TItem>> SpliceAsync(StreamHead<TItem> restarted, ChainStream<TState, TItem>.Enumerator stream, Exception refusal)
        {
            StreamContinuation<TState, TItem> continuation = stream.Continuation!;
            string delivered = string.Concat(stream.DeliveredItems.Select(continuation.TextOf!));
            IAsyncEnumerator<TItem>? enumerator = restarted.Enumerator;
            TItem item = restarted.First;
            int matched = 0;
            while (enumerator is not null)
            {
                string text = continuation.TextOf!(item);
                if (matched + text.Length > delivered.Length)
                {
                    int overlap = delivered.Length - matched;
                    if (string.CompareOrdinal(text, 0, delivered, matched, overlap) != 0)
                    {
                        break;
                    }

                    TItem rest = overlap == 0 ? item : continuation.WithText!(item, text.Substring(overlap));
                    return new StreamHead<TItem>(enumerator, rest, restarted.Watch) { Spliced = true };
                }

                if (string.CompareOrdinal(text, 0, delivered, matched, text.Length) != 0)
                {
                    break;
                }

                matched += text.Length;
                if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                {
                    // The new answer ended within what the caller already has.
                    break;
                }

                item = enumerator.Current;
            }

            if (enumerator is not null)
            {
                await enumerator.DisposeAsync().ConfigureAwait(false);
            }

            restarted.Watch?.Dispose();
            throw new ContinuationRejectedException(refusal);
        }

        private static ValueTask<StreamHead<TItem>> StartWatched(TProvider provider, ChainStream<TState, TItem>.Enumerator stream, TState state, StreamWatch watch)
        {
            IAsyncEnumerator<TItem> enumerator;
            try
            {
                enumerator = stream.Call.operation(provider, state, watch.Token).GetAsyncEnumerator(watch.Token);
            }
            catch (Exception ex)
            {
                watch.Dispose();
                return new ValueTask<StreamHead<TItem>>(Task.FromException<StreamHead<TItem>>(ex));
            }

            return Start(enumerator, watch);
        }

        private static ValueTask<StreamHead<TItem>> Start(IAsyncEnumerator<TItem> enumerator, StreamWatch? watch)
        {
            ValueTask<bool> first;
            try
            {
                first = enumerator.MoveNextAsync();
            }
            catch (Exception ex)
            {
                return FailAsync(enumerator, watch, ex);
            }

            if (!first.IsCompletedSuccessfully)
            {
                return AwaitFirst(enumerator, first, watch);
            }

            watch?.Stop();
            return first.Result ? Head(enumerator, watch) : EmptyAsync(enumerator, watch);
        }

        private static ValueTask<StreamHead<TItem>> Head(IAsyncEnumerator<TItem> enumerator, StreamWatch? watch)
        {
            TItem item;
            try
            {
                item = enumerator.Current;
            }
            catch (Exception ex)
            {
                return FailAsync(enumerator, watch, ex);
            }

            return new ValueTask<StreamHead<TItem>>(new StreamHead<TItem>(enumerator, item, watch));
        }

        /// <summary>A first item still to come: waited for without rethrowing a failure, which goes into the task as it is.</summary>
        private static ValueTask<StreamHead<TItem>> AwaitFirst(IAsyncEnumerator<TItem> enumerator, ValueTask<bool> first, StreamWatch? watch)
        {
            var head = new TaskCompletionSource<StreamHead<TItem>>(TaskCreationOptions.RunContinuationsAsynchronously);
            _ = CompleteAsync(enumerator, first, watch, head);
            return new ValueTask<StreamHead<TItem>>(head.Task);
        }

        private static async Task CompleteAsync(IAsyncEnumerator<TItem> enumerator, ValueTask<bool> first, StreamWatch? watch, TaskCompletionSource<StreamHead<TItem>> head)
        {
            if (watch is not null)
            {
                Task<bool> pending = first.AsTask();
                if (await Task.WhenAny(pending, watch.Stopped).ConfigureAwait(false) != pending)
                {
                    // Silent past the limit (or the deadline, or the caller cancelled) and not stopping when told to.
                    Abandon(enumerator, pending, watch);
                    head.TrySetException(watch.Failure(itemsReceived: 0, reported: null));
                    return;
                }

                watch.Stop();
                first = new ValueTask<bool>(pending);
            }

            Polly.Outcome<bool> moved = await ProviderRequest.SettleAsync(first).ConfigureAwait(false);
            ValueTask<StreamHead<TItem>> next = moved.Exception is Exception error
                ? FailAsync(enumerator, watch, watch?.Failure(0, error) ?? error)
                : moved.Result ? Head(enumerator, watch) : EmptyAsync(enumerator, watch);
            Hand(head, await ProviderRequest.SettleAsync(next).ConfigureAwait(false));
        }

        /// <summary>Hands a settled start on through the head's task, its failure as the task's exception, never rethrown.</summary>
        private static void Hand(TaskCompletionSource<StreamHead<TItem>> head, Polly.Outcome<StreamHead<TItem>> started)
        {
            if (started.Exception is Exception failure)
            {
                head.TrySetException(failure);
            }
            else
            {
                head.TrySetResult(started.Result!);
            }
        }

        private static async ValueTask<StreamHead<TItem>> EmptyAsync(IAsyncEnumerator<TItem> enumerator, StreamWatch? watch)
        {
            try
            {
                await enumerator.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                watch?.Dispose();
            }

            return new StreamHead<TItem>(null, default!, watch: null);
        }

        private static ValueTask<StreamHead<TItem>> FailAsync(IAsyncEnumerator<TItem> enumerator, StreamWatch? watch, Exception error)
        {
            ValueTask disposing = enumerator.DisposeAsync();
            if (disposing.IsCompletedSuccessfully)
            {
                watch?.Dispose();
                return new ValueTask<StreamHead<TItem>>(Task.FromException<StreamHead<TItem>>(error));
            }

            return DisposeThenFailAsync(disposing, watch, error);
        }

        private static async ValueTask<StreamHead<TItem>> DisposeThenFailAsync(ValueTask disposing, StreamWatch? watch, Exception error)
        {
            try
            {
                await disposing.ConfigureAwait(false);
            }
            finally
            {
                watch?.Dispose();
            }

            return await new ValueTask<StreamHead<TItem>>(Task.FromException<StreamHead<TItem>>(error)).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Leaves a provider's stream that did not stop when told to: once its pending read ends, however it ends, the stream
    /// is disposed (never while the read is in flight, which an enumerator does not allow) and its watch with it.
    /// </summary>
    private static void Abandon<TItem>(IAsyncEnumerator<TItem> enumerator, Task<bool> pending, StreamWatch watch) =>
        _ = pending.ContinueWith(
            static (read, state) =>
            {
                _ = read.Exception;
                var (abandoned, watched) = ((IAsyncEnumerator<TItem>, StreamWatch))state!;
                _ = DisposeAbandonedAsync(abandoned, watched);
            },
            (enumerator, watch),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    private static async Task DisposeAbandonedAsync<TItem>(IAsyncEnumerator<TItem> enumerator, StreamWatch watch)
    {
        try
        {
            await DisposeWatchedAsync(enumerator, watch).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Nobody is left to tell: the call has moved on.
        }
    }

    /// <summary>Disposes a provider's stream, then the watch that was on it.</summary>
    private static async ValueTask DisposeWatchedAsync<TItem>(IAsyncEnumerator<TItem> provider, StreamWatch watch)
    {
        try
        {
            await provider.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            watch.Dispose();
        }
    }
}
