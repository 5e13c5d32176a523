using System.Threading.Tasks;

namespace FailoverGen;

/// <summary>A request the direct path already sent, handed to the walk as its first attempt, with when it started.</summary>
internal readonly struct StartedRequest<TResult>
{
    public StartedRequest(ValueTask<TResult> request, long started)
    {
        Request = request;
        Started = started;
    }

    public ValueTask<TResult> Request { get; }

    /// <summary>The <see cref="System.TimeProvider"/> timestamp at which it was sent.</summary>
    public long Started { get; }
}
