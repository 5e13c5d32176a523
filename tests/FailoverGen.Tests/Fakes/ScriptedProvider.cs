using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace FailoverGen.Tests.Fakes;

/// <summary>
/// A provider whose answer to each call is scripted: call N runs step N, and the last step repeats once the
/// script runs out (no steps means "always succeed with the provider's name"). Every call is recorded with the
/// time of the shared clock, so tests assert what the engine did rather than what the fake was told.
/// Thread-safe: concurrent calls each take the next step.
/// </summary>
public sealed class ScriptedProvider : IChatProvider
{
    private readonly TimeProvider _time;
    private readonly List<Func<ProviderCall, Task<string>>> _steps = new();
    private readonly List<ProviderCall> _calls = new();
    private readonly object _gate = new();

    public ScriptedProvider(string name, TimeProvider time)
    {
        Name = name;
        _time = time;
    }

    public string Name { get; }

    public IReadOnlyList<ProviderCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return _calls.ToArray();
            }
        }
    }

    public int CallCount
    {
        get
        {
            lock (_gate)
            {
                return _calls.Count;
            }
        }
    }

    /// <summary>The value a successful call of this provider returns.</summary>
    public string Reply => "reply from " + Name;

    public ScriptedProvider Succeeds() => Then(_ => Task.FromResult(Reply));

    /// <summary>A success that takes <paramref name="latency"/> on <paramref name="clock"/>.</summary>
    public ScriptedProvider Takes(FakeTimeProvider clock, TimeSpan latency) => Then(_ =>
    {
        clock.Advance(latency);
        return Task.FromResult(Reply);
    });

    public ScriptedProvider Returns(string value) => Then(_ => Task.FromResult(value));

    public ScriptedProvider Throws(Exception exception) => Then(_ => Task.FromException<string>(exception));

    public ScriptedProvider Throws(Func<ProviderCall, Exception> exception) => Then(call => Task.FromException<string>(exception(call)));

    /// <summary>A step that decides per call, e.g. from <see cref="ProviderCall.Number"/>; may throw synchronously.</summary>
    public ScriptedProvider Then(Func<ProviderCall, Task<string>> step)
    {
        lock (_gate)
        {
            _steps.Add(step);
        }

        return this;
    }

    public Task<string> CompleteAsync(string prompt, CancellationToken ct)
    {
        try
        {
            return Run(prompt, ct);
        }
        catch (Exception ex)
        {
            return Task.FromException<string>(ex);
        }
    }

    public ValueTask<string> CompleteValueTaskAsync(string prompt, CancellationToken ct) => new(CompleteAsync(prompt, ct));

    public string Complete(string prompt, CancellationToken ct) => Run(prompt, ct).GetAwaiter().GetResult();

    public Task SendAsync(string prompt, CancellationToken ct) => CompleteAsync(prompt, ct);

    public ValueTask SendValueTaskAsync(string prompt, CancellationToken ct) => new(CompleteAsync(prompt, ct));

    public void Send(string prompt, CancellationToken ct) => Complete(prompt, ct);

    private Task<string> Run(string prompt, CancellationToken ct)
    {
        ProviderCall call;
        Func<ProviderCall, Task<string>>? step;
        lock (_gate)
        {
            call = new ProviderCall(_calls.Count + 1, prompt, _time.GetUtcNow(), ct);
            _calls.Add(call);
            step = _steps.Count == 0 ? null : _steps[Math.Min(call.Number, _steps.Count) - 1];
        }

        return step is null ? Task.FromResult(Reply) : step(call);
    }
}
