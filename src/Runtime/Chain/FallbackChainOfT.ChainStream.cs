using System;
using System.Collections.Generic;
using System.Diagnostics;
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
        private readonly CancellationToken _token;

        public ChainStream(
            FallbackChain<TProvider> chain, TState state, Func<TProvider, TState, CancellationToken, IAsyncEnumerable<TItem>> operation, FailoverPolicy policy, CancellationToken token)
        {
            _chain = chain;
            _call = (operation, state);
            _policy = policy;
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

            return new Enumerator(_chain, _call, _policy, token, linked);
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
            private TItem _current = default!;
            private bool _done;

            public Enumerator(
                FallbackChain<TProvider> chain,
                (Func<TProvider, TState, CancellationToken, IAsyncEnumerable<TItem>> operation, TState state) call,
                FailoverPolicy policy,
                CancellationToken token,
                CancellationTokenSource? linked)
            {
                _chain = chain;
                Call = call;
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

                _linked?.Dispose();
            }

            /// <summary>A provider's stream now reaching the caller, positioned on its first item.</summary>
            public void Started(StreamHead<TItem> head)
            {
                Head = head;
                _provider = head.Enumerator;
                _current = head.First;
                Yielded = head.Enumerator is null ? 0 : 1;
                _done = head.Enumerator is null;
            }

            public ValueTask CloseProviderAsync()
            {
                IAsyncEnumerator<TItem>? provider = _provider;
                _provider = null;
                return provider?.DisposeAsync() ?? default;
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
                return new ValueTask<bool>(true);
            }

            private async ValueTask<bool> AwaitNextAsync(ValueTask<bool> next)
            {
                bool more;
                try
                {
                    more = await next.ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    return await Advance(ex).ConfigureAwait(false);
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
    /// retry starts clean; the failure is handed on in the task, not rethrown.
    /// </summary>
    private static class StartStream<TState, TItem>
    {
        public static readonly Func<TProvider, (Func<TProvider, TState, CancellationToken, IAsyncEnumerable<TItem>> operation, TState state), CancellationToken, ValueTask<StreamHead<TItem>>> Operation =
            static (provider, call, token) => Start(call.operation(provider, call.state, token).GetAsyncEnumerator(token));

        private static ValueTask<StreamHead<TItem>> Start(IAsyncEnumerator<TItem> enumerator)
        {
            ValueTask<bool> first;
            try
            {
                first = enumerator.MoveNextAsync();
            }
            catch (Exception ex)
            {
                return FailAsync(enumerator, ex);
            }

            if (!first.IsCompletedSuccessfully)
            {
                return AwaitFirst(enumerator, first);
            }

            return first.Result ? Head(enumerator) : EmptyAsync(enumerator);
        }

        private static ValueTask<StreamHead<TItem>> Head(IAsyncEnumerator<TItem> enumerator)
        {
            TItem item;
            try
            {
                item = enumerator.Current;
            }
            catch (Exception ex)
            {
                return FailAsync(enumerator, ex);
            }

            return new ValueTask<StreamHead<TItem>>(new StreamHead<TItem>(enumerator, item));
        }

        /// <summary>A first item still to come: waited for without rethrowing a failure, which goes into the task as it is.</summary>
        private static ValueTask<StreamHead<TItem>> AwaitFirst(IAsyncEnumerator<TItem> enumerator, ValueTask<bool> first)
        {
            var head = new TaskCompletionSource<StreamHead<TItem>>(TaskCreationOptions.RunContinuationsAsynchronously);
            _ = CompleteAsync(enumerator, first, head);
            return new ValueTask<StreamHead<TItem>>(head.Task);
        }

        private static async Task CompleteAsync(IAsyncEnumerator<TItem> enumerator, ValueTask<bool> first, TaskCompletionSource<StreamHead<TItem>> head)
        {
            Polly.Outcome<bool> moved = await ProviderRequest.SettleAsync(first).ConfigureAwait(false);
            ValueTask<StreamHead<TItem>> next = moved.Exception is Exception error ? FailAsync(enumerator, error) : moved.Result ? Head(enumerator) : EmptyAsync(enumerator);
            Polly.Outcome<StreamHead<TItem>> started = await ProviderRequest.SettleAsync(next).ConfigureAwait(false);
            if (started.Exception is Exception failure)
            {
                head.TrySetException(failure);
            }
            else
            {
                head.TrySetResult(started.Result!);
            }
        }

        private static async ValueTask<StreamHead<TItem>> EmptyAsync(IAsyncEnumerator<TItem> enumerator)
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
            return new StreamHead<TItem>(null, default!);
        }

        private static ValueTask<StreamHead<TItem>> FailAsync(IAsyncEnumerator<TItem> enumerator, Exception error)
        {
            ValueTask disposing = enumerator.DisposeAsync();
            return disposing.IsCompletedSuccessfully
                ? new ValueTask<StreamHead<TItem>>(Task.FromException<StreamHead<TItem>>(error))
                : DisposeThenFailAsync(disposing, error);
        }

        private static async ValueTask<StreamHead<TItem>> DisposeThenFailAsync(ValueTask disposing, Exception error)
        {
            await disposing.ConfigureAwait(false);
            return await new ValueTask<StreamHead<TItem>>(Task.FromException<StreamHead<TItem>>(error)).ConfigureAwait(false);
        }
    }
}
