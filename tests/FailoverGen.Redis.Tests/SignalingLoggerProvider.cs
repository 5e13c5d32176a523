using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace FailoverGen.Redis.Tests;

/// <summary>Keeps every message logged and completes a task when an event id is first logged, so tests wait for the log, not for time.</summary>
internal sealed class SignalingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentDictionary<int, TaskCompletionSource<string>> _events = new();

    public ConcurrentQueue<string> Messages { get; } = new();

    /// <summary>The first message logged with <paramref name="eventId"/>, now or later.</summary>
    public Task<string> Logged(int eventId) => _events.GetOrAdd(eventId, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(SignalingLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            string message = formatter(state, exception);
            provider.Messages.Enqueue(eventId.Id + " " + message);
            provider._events.GetOrAdd(eventId.Id, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(message);
        }
    }
}
