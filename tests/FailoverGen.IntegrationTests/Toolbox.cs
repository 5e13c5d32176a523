using System;
using System.Threading;
using System.Threading.Tasks;

namespace FailoverGen.IntegrationTests;

/// <summary>Member shapes other than Task&lt;T&gt;, generated in this consumer project.</summary>
[FallbackChain]
[FailoverOn(429, 503)]
public interface IToolbox
{
    string Echo(string text);

    void Record(string entry);

    ValueTask<int> CountAsync(int start, int step, CancellationToken cancellationToken);

    ValueTask FlushAsync();

    Task SaveAsync(string key, string value);

    T Identity<T>(T value) where T : class;

    int Temperature { get; set; }

    event EventHandler? Changed;

    [NoFailover]
    string Usage();

    [FailoverOn(FailoverReason.ContextOverflow)]
    string Summarise(string longText);
}

/// <summary>An in-memory toolbox that throws the given error from every call until it is cleared.</summary>
public sealed class ScriptedToolbox(string name) : IToolbox
{
    public Exception? Failure { get; set; }

    public int Calls { get; private set; }

    public string? LastRecorded { get; private set; }

    private int _temperature;

    public int Temperature
    {
        get => Run(() => _temperature);
        set => _temperature = value;
    }

    public event EventHandler? Changed;

    public string Echo(string text) => Run(() => name + ":" + text);

    public void Record(string entry) => Run(() => LastRecorded = entry);

    public ValueTask<int> CountAsync(int start, int step, CancellationToken cancellationToken) =>
        new(Run(() => start + step));

    public ValueTask FlushAsync()
    {
        Run(() => 0);
        return default;
    }

    public Task SaveAsync(string key, string value) => Task.FromResult(Run(() => LastRecorded = key + "=" + value));

    public T Identity<T>(T value) where T : class => Run(() => value);

    public string Usage() => Run(() => name + " usage");

    public string Summarise(string longText) => Run(() => name + " summary");

    public void RaiseChanged() => Changed?.Invoke(this, EventArgs.Empty);

    private T Run<T>(Func<T> body)
    {
        Calls++;
        if (Failure is not null)
        {
            throw Failure;
        }

        return body();
    }
}
