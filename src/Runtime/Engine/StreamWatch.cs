using System;
using System.Threading;
using System.Threading.Tasks;

namespace FailoverGen;

/// <summary>
/// Watches one provider's stream for silence: a token the provider's stream is given, cancelled when a limit passes
/// (no first item, or no next item, in time), when the call's deadline passes or when the caller cancels; and a task
/// that completes then, so that a stream that ignores its token is abandoned instead of waited on. Created only when a
/// stream has a limit or a deadline; one timer, re-armed for each wait.
/// </summary>
internal sealed class StreamWatch : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly ITimer _timer;
    private readonly TaskCompletionSource<bool> _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenRegistration _registration;
    private int _timedOut;

    /// <summary>Starts watching a stream that is about to be requested, with its first-item limit already running.</summary>
    public StreamWatch(StreamLimits limits, TimeSpan? firstItem, CancellationToken callToken)
    {
        TimeProvider time = limits.Time;
        Limits = limits;
        _source = CancellationTokenSource.CreateLinkedTokenSource(callToken);
        Token = _source.Token;
        _registration = Token.Register(static state => ((TaskCompletionSource<bool>)state!).TrySetResult(true), _stopped);
        Running = firstItem ?? Timeout.InfiniteTimeSpan;
        _timer = time.CreateTimer(static state => ((StreamWatch)state!).Fire(), this, Running, Timeout.InfiniteTimeSpan);
    }

    /// <summary>What the provider's stream receives: cancelled when the watch stops it.</summary>
    public CancellationToken Token { get; }

    public StreamLimits Limits { get; }

    /// <summary>Completes when <see cref="Token"/> is cancelled, for whatever reason.</summary>
    public Task Stopped => _stopped.Task;

    /// <summary>True when a limit of this watch, not the deadline or the caller, stopped the stream.</summary>
    public bool TimedOut => Volatile.Read(ref _timedOut) != 0;

    /// <summary>The limit running now, or the last one that ran.</summary>
    public TimeSpan Running { get; private set; }

    /// <summary>Starts the clock on a wait for an item; no limit leaves only the deadline and the caller.</summary>
    public void Start(TimeSpan? limit)
    {
        if (limit is TimeSpan value)
        {
            Running = value;
            _timer.Change(value, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>The item came: the clock stops until the next wait.</summary>
    public void Stop() => _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    /// <summary>The exception a stopped stream ends with, wrapping what the provider reported, if anything.</summary>
    public Exception Failure(int itemsReceived, Exception? reported) =>
        TimedOut ? new FailoverStreamTimeoutException(Running, itemsReceived, reported) : reported ?? new OperationCanceledException(Token);

    public void Dispose()
    {
        _timer.Dispose();
        _registration.Dispose();
        _source.Dispose();
    }

    private void Fire()
    {
        Volatile.Write(ref _timedOut, 1);
        try
        {
            _source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The stream ended while the timer fired: nothing is left to stop.
        }
    }
}
