using System.Threading;
using System.Threading.Tasks;

namespace FailoverGen;

/// <summary>Lets members without a result share the one generic failover loop.</summary>
internal readonly struct VoidResult
{
    /// <summary>A task without a result as one with a <see cref="VoidResult"/>; a failure is carried over, never rethrown.</summary>
    public static ValueTask<VoidResult> After(Task task) =>
        task.Status == TaskStatus.RanToCompletion ? default : new ValueTask<VoidResult>(Continue(task));

    public static ValueTask<VoidResult> After(ValueTask request) =>
        request.IsCompletedSuccessfully ? default : After(request.AsTask());

    private static Task<VoidResult> Continue(Task task)
    {
        var result = new TaskCompletionSource<VoidResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        task.ContinueWith(
            static (done, state) =>
            {
                var result = (TaskCompletionSource<VoidResult>)state!;
                if (done.Status == TaskStatus.RanToCompletion)
                {
                    result.TrySetResult(default);
                }
                else if (done.IsFaulted)
                {
                    result.TrySetException(done.Exception!.InnerExceptions);
                }
                else
                {
                    // Cancelled: awaiting gives the exception with the token that cancelled it, which the walk needs.
                    try
                    {
                        done.GetAwaiter().GetResult();
                    }
                    catch (System.OperationCanceledException canceled)
                    {
                        result.TrySetCanceled(canceled.CancellationToken);
                    }
                }
            },
            result,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return result.Task;
    }
}
