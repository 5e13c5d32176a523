using System;
using System.Threading;
using System.Threading.Tasks;

namespace FailoverGen;

/// <summary>
/// Each member kind adapted, once per type, to the one operation shape the walk runs: a provider call returning
/// <see cref="ValueTask{TResult}"/>, with the member's delegate and arguments as state so nothing is captured. None of
/// them awaits the provider: an await would rethrow a failed provider's exception, which the walk reads from the task.
/// </summary>
public sealed partial class FallbackChain<TProvider>
{
    private static class FromTask<TState, TResult>
    {
        public static readonly Func<TProvider, (Func<TProvider, TState, CancellationToken, Task<TResult>> operation, TState state), CancellationToken, ValueTask<TResult>> Operation =
            static (provider, s, token) => new ValueTask<TResult>(s.operation(provider, s.state, token));
    }

    private static class FromVoidTask<TState>
    {
        public static readonly Func<TProvider, (Func<TProvider, TState, CancellationToken, Task> operation, TState state), CancellationToken, ValueTask<VoidResult>> Operation =
            static (provider, s, token) => VoidResult.After(s.operation(provider, s.state, token));
    }

    private static class FromVoidValueTask<TState>
    {
        public static readonly Func<TProvider, (Func<TProvider, TState, CancellationToken, ValueTask> operation, TState state), CancellationToken, ValueTask<VoidResult>> Operation =
            static (provider, s, token) => VoidResult.After(s.operation(provider, s.state, token));
    }

    private static class FromSync<TState, TResult>
    {
        public static readonly Func<TProvider, (Func<TProvider, TState, CancellationToken, TResult> operation, TState state), CancellationToken, ValueTask<TResult>> Operation =
            static (provider, s, token) => new ValueTask<TResult>(s.operation(provider, s.state, token));
    }

    private static class FromSyncVoid<TState>
    {
        public static readonly Func<TProvider, (Action<TProvider, TState, CancellationToken> operation, TState state), CancellationToken, ValueTask<VoidResult>> Operation =
            static (provider, s, token) =>
            {
                s.operation(provider, s.state, token);
                return default;
            };
    }
}
