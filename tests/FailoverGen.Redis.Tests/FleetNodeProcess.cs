using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

namespace FailoverGen.Redis.Tests;

/// <summary>
/// One app instance in its own process (FailoverGen.Redis.FleetNode): commands go to its stdin, its lines come back in
/// order. Waits are for a line the node prints, bounded so a node that never answers fails the test instead of hanging it.
/// </summary>
internal sealed class FleetNodeProcess : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly List<string> _seen = new();
    private readonly HashSet<int> _taken = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _error;
    private int _disposed;

    private FleetNodeProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    /// <summary>Every line the node printed so far, in order.</summary>
    public IReadOnlyList<string> Seen
    {
        get
        {
            lock (_seen)
            {
                return _seen.ToArray();
            }
        }
    }

    public static async Task<FleetNodeProcess> StartAsync(string name, string redis, string chain, Uri primary, Uri fallback, TimeSpan cooldown)
    {
        string node = typeof(FleetNodeProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "FleetNode").Value!;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { node, redis, chain, primary.ToString(), fallback.ToString(), ((int)cooldown.TotalMilliseconds).ToString() })
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var instance = new FleetNodeProcess(process, name);
        process.OutputDataReceived += (_, e) => instance.Received(e.Data, error: false);
        process.ErrorDataReceived += (_, e) => instance.Received(e.Data, error: true);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await instance.WaitForAsync(line => line == "ready");
        return instance;
    }

    private void Received(string? line, bool error)
    {
        if (line is null)
        {
            return;
        }

        TaskCompletionSource changed;
        lock (_seen)
        {
            if (error)
            {
                _error ??= line;
            }
            else
            {
                _seen.Add(line);
            }

            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    public void Send(string command)
    {
        _process.StandardInput.WriteLine(command);
        _process.StandardInput.Flush();
    }

    /// <summary>
    /// The first line not waited for before that matches, whether it came already or comes later; fails on a line from
    /// stderr, or after a bounded wait.
    /// </summary>
    public async Task<string> WaitForAsync(Func<string, bool> match)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            Task changed;
            lock (_seen)
            {
                for (int i = 0; i < _seen.Count; i++)
                {
                    if (!_taken.Contains(i) && match(_seen[i]))
                    {
                        _taken.Add(i);
                        return _seen[i];
                    }
                }

                if (_error is not null)
                {
                    throw new InvalidOperationException($"{Name} wrote to stderr: {_error}");
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{Name} did not print the expected line within {Patience.TotalSeconds} s; it printed: {string.Join(" | ", Seen)}");
            }
        }
    }

    /// <summary>Sends a command and waits for the line that ends it.</summary>
    public async Task<string> RunAsync(string command, string endsWith)
    {
        Send(command);
        return await WaitForAsync(line => line.StartsWith(endsWith, StringComparison.Ordinal));
    }

    /// <summary>The Stopwatch timestamp in a node's event line ("applied primary 12345").</summary>
    public static long TimestampOf(string line) => long.Parse(line[(line.LastIndexOf(' ') + 1)..]);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (!_process.HasExited)
        {
            try
            {
                Send("quit");
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }
}
