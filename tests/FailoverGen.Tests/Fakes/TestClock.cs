using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace FailoverGen.Tests.Fakes;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also tells when a timer has been registered. Polly's backoff after the
/// first retry is registered on a thread-pool continuation, so a test must wait for the timer before advancing
/// the clock, or the advance would happen before the delay starts.
/// </summary>
public sealed class TestClock : FakeTimeProvider
{
    /// <summary>Only a guard against a hung test: waits end as soon as the timer exists.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private readonly object _gate = new();
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = new();
    private int _timersCreated;

    public TestClock()
        : base(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>How long after <see cref="FakeTimeProvider.Start"/> the call was made.</summary>
    public TimeSpan SinceStart(ProviderCall call) => call.At - Start;

    public TimeSpan Elapsed => GetUtcNow() - Start;

    public int TimersCreated
    {
        get
        {
            lock (_gate)
            {
                return _timersCreated;
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ITimer timer = base.CreateTimer(callback, state, dueTime, period);
        var ready = new List<TaskCompletionSource>();
        lock (_gate)
        {
            _timersCreated++;
            for (int i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Count <= _timersCreated)
                {
                    ready.Add(_waiters[i].Signal);
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (TaskCompletionSource signal in ready)
        {
            signal.TrySetResult();
        }

        return timer;
    }

    /// <summary>Completes once <paramref name="count"/> timers have been created in total.</summary>
    public Task WaitForTimersAsync(int count)
    {
        lock (_gate)
        {
            if (_timersCreated >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, signal));
            return signal.Task.WaitAsync(HangGuard);
        }
    }

    /// <summary>Waits until the next timer (the next backoff) exists, then moves the clock by <paramref name="delta"/>.</summary>
    public async Task AdvanceAfterTimerAsync(int timerNumber, TimeSpan delta)
    {
        await WaitForTimersAsync(timerNumber).ConfigureAwait(false);
        Advance(delta);
    }
}
