using System;
using System.Threading;

namespace FailoverGen;

/// <summary>
/// The whole-call deadline (<see cref="FallbackChainOptions.TotalRequestTimeout"/>): a token that fires at the deadline or
/// when the caller cancels, on the chain's <see cref="TimeProvider"/>, and the deadline itself so that the engine can
/// refuse to start a wait it knows would outlast it.
/// </summary>
internal sealed class CallDeadline : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly ITimer _timer;

    public CallDeadline(TimeProvider time, TimeSpan limit, CancellationToken callerToken)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
        Token = _source.Token;
        UtcTicks = TimeMath.AddSaturating(time.GetUtcNow(), limit).UtcTicks;
        _timer = time.CreateTimer(static state => Fire((CancellationTokenSource)state!), _source, limit, Timeout.InfiniteTimeSpan);
    }

    public CancellationToken Token { get; }

    public long UtcTicks { get; }

    public TimeSpan Remaining(DateTimeOffset now) => TimeSpan.FromTicks(Math.Max(0, UtcTicks - now.UtcTicks));

    public void Dispose()
    {
        _timer.Dispose();
        _source.Dispose();
    }

    private static void Fire(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The call finished while the timer fired: nothing is left to cancel.
        }
    }
}
