using System;
using System.Threading;
using System.Threading.Tasks;
using Polly;

namespace FailoverGen;

/// <summary>
/// One request to a provider, turned into a Polly outcome without rethrowing what the provider threw: a completed
/// task is read, a pending one awaited with exceptions suppressed. The provider's own throw is then the only one a
/// failed request costs; catching and rethrowing it at every layer cost two more per failure before.
/// </summary>
internal static class ProviderRequest
{
    /// <summary>Sends the request; a provider that throws synchronously gives a faulted task instead.</summary>
    public static ValueTask<TResult> Start<TProvider, TState, TResult>(
        Func<TProvider, TState, CancellationToken, ValueTask<TResult>> operation, TProvider provider, TState state, CancellationToken token)
    {
        try
        {
            return operation(provider, state, token);
        }
        catch (Exception ex)
        {
            return new ValueTask<TResult>(Task.FromException<TResult>(ex));
        }
    }

    public static ValueTask<Outcome<TResult>> Outcome<TProvider, TState, TResult>(
        Func<TProvider, TState, CancellationToken, ValueTask<TResult>> operation, TProvider provider, TState state, CancellationToken token)
    {
        ValueTask<TResult> request = Start(operation, provider, state, token);
        return request.IsCompleted ? new ValueTask<Outcome<TResult>>(Read(request)) : SettleAsync(request);
    }

    /// <summary>The outcome of a completed request.</summary>
    public static Outcome<TResult> Read<TResult>(ValueTask<TResult> completed)
    {
        if (completed.IsCompletedSuccessfully)
        {
            return Polly.Outcome.FromResult(completed.Result);
        }

        return Read(completed.AsTask());
    }

    /// <summary>Waits for a pending request without letting its exception be thrown.</summary>
    public static async ValueTask<Outcome<TResult>> SettleAsync<TResult>(ValueTask<TResult> pending)
    {
#if NET8_0_OR_GREATER
        Task<TResult> task = pending.AsTask();
        await ((Task)task).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return Read(task);
#else
        try
        {
            return Polly.Outcome.FromResult(await pending.ConfigureAwait(false));
        }
        catch (Exception ex)
        {
            return Polly.Outcome.FromException<TResult>(ex);
        }
#endif
    }

    private static Outcome<TResult> Read<TResult>(Task<TResult> task)
    {
        if (task.Status == TaskStatus.RanToCompletion)
        {
            return Polly.Outcome.FromResult(task.Result);
        }

        if (task.IsFaulted && task.Exception!.InnerException is Exception error)
        {
            // The exception await would throw: the first of the task's exceptions, as the provider threw it.
            return Polly.Outcome.FromException<TResult>(error);
        }

        // A cancelled task: awaiting it gives the OperationCanceledException with the token that cancelled it, which
        // the walk needs to tell the caller's cancellation from a timeout's. Cancellation is never failed over cheaply.
        try
        {
            return Polly.Outcome.FromResult(task.GetAwaiter().GetResult());
        }
        catch (Exception ex)
        {
            return Polly.Outcome.FromException<TResult>(ex);
        }
    }
}
