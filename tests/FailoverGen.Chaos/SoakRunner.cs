using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace FailoverGen.Chaos;

/// <summary>
/// Drives calls through one chain from many concurrent callers and checks each outcome against the engine's promises:
/// a result; the exhaustion error naming each provider once; the caller's own cancellation; or the provider's original
/// bad request. No call may outlive its deadline by more than <see cref="DeadlineSlack"/>, and a caller's cancellation
/// must end its call within <see cref="CancelSlack"/>.
/// </summary>
public sealed class SoakRunner
{
    public static readonly TimeSpan TotalRequestTimeout = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan DeadlineSlack = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan CancelSlack = TimeSpan.FromMilliseconds(50);

    private readonly FallbackChain<IChaosProvider> _chain;
    private readonly string[] _names;
    private readonly int _seed;
    private readonly double _cancelRate;
    private readonly SoakReport _report;
    private bool _timed;
    private int _next;
    private int _finished;

    public SoakRunner(string mode, (string Name, IChaosProvider Provider)[] providers, int seed, double cancelRate)
    {
        _names = providers.Select(p => p.Name).ToArray();
        _seed = seed;
        _cancelRate = cancelRate;
        _report = new SoakReport(mode);
        FallbackChainBuilder<IChaosProvider> builder = FallbackChain.Create<IChaosProvider>().Configure(o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(250);
            o.TotalRequestTimeout = TotalRequestTimeout;
            o.Retry.Delay = TimeSpan.FromMilliseconds(20);
            o.Retry.MaxDelay = TimeSpan.FromMilliseconds(100);
            o.MaxRetryAfterWait = TimeSpan.FromMilliseconds(300);
            o.Cooldowns.RateLimit = TimeSpan.FromSeconds(1);
            o.Cooldowns.QuotaOrBilling = TimeSpan.FromSeconds(3);
            o.Cooldowns.Transient = TimeSpan.FromMilliseconds(500);
            o.Cooldowns.Minimum = TimeSpan.FromMilliseconds(100);
            o.Cooldowns.SamplingDuration = TimeSpan.FromSeconds(5);
        });
        foreach ((string name, IChaosProvider provider) in providers)
        {
            builder.Add(name, provider);
        }

        _chain = builder.Build();
    }

    public SoakReport Report => _report;

    /// <summary>
    /// Runs <paramref name="calls"/> calls with <paramref name="concurrency"/> callers at a time. Outcomes are always
    /// checked; timing only when <paramref name="timed"/>, because a warm-up batch pays for JIT and first connections.
    /// </summary>
    public async Task RunAsync(int calls, int concurrency, bool timed)
    {
        _timed = timed;
        int target = Volatile.Read(ref _next) + calls;
        int started = Volatile.Read(ref _finished);
        Task[] callers = Enumerable.Range(0, Math.Min(concurrency, calls)).Select(_ => Task.Run(() => CallerAsync(target))).ToArray();

        // Every call ends by its deadline, so the whole batch has a hard bound; a call still running after it is lost.
        TimeSpan bound = TimeSpan.FromTicks((TotalRequestTimeout + DeadlineSlack).Ticks * ((calls / Math.Max(1, concurrency)) + 2)) + TimeSpan.FromSeconds(30);
        try
        {
            await Task.WhenAll(callers).WaitAsync(bound).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _report.Violation($"lost calls: {calls - (Volatile.Read(ref _finished) - started)} of {calls} did not end within {bound.TotalSeconds:0} s");
        }
    }

    private async Task CallerAsync(int target)
    {
        int index;
        while ((index = Interlocked.Increment(ref _next) - 1) < target)
        {
            await OneCallAsync(index).ConfigureAwait(false);
            Interlocked.Increment(ref _finished);
        }
    }

    private async Task OneCallAsync(int index)
    {
        var random = new Random(unchecked((_seed * 1_000_003) + index));
        bool cancels = random.NextDouble() < _cancelRate;
        int cancelAfterMs = random.Next(0, 600);
        using var caller = new CancellationTokenSource();
        long cancelledAt = 0;
        using Timer? canceller = cancels
            ? new Timer(
                _ =>
                {
                    Volatile.Write(ref cancelledAt, Stopwatch.GetTimestamp());
                    try
                    {
                        caller.Cancel();
                    }
                    catch (ObjectDisposedException)
                    {
                        // The call ended first.
                    }
                },
                null,
                cancelAfterMs,
                Timeout.Infinite)
            : null;
        long start = Stopwatch.GetTimestamp();
        string outcome = await OutcomeOfAsync(caller.Token).ConfigureAwait(false);
        long end = Stopwatch.GetTimestamp();
        _report.Count(outcome);

        TimeSpan duration = Stopwatch.GetElapsedTime(start, end);
        if (!_timed)
        {
            return;
        }

        if (duration > TotalRequestTimeout)
        {
            _report.Overrun(duration - TotalRequestTimeout);
            if (duration > TotalRequestTimeout + DeadlineSlack)
            {
                _report.Violation($"call {index}: took {duration.TotalMilliseconds:0} ms with a {TotalRequestTimeout.TotalMilliseconds:0} ms deadline ({outcome})");
            }
        }

        long cancelled = Volatile.Read(ref cancelledAt);
        if (cancelled != 0 && cancelled < end)
        {
            TimeSpan latency = Stopwatch.GetElapsedTime(cancelled, end);
            _report.CancelLatency(latency);
            if (latency > CancelSlack)
            {
                _report.Violation($"call {index}: ended {latency.TotalMilliseconds:0} ms after its caller cancelled ({outcome})");
            }
        }
    }

    private async Task<string> OutcomeOfAsync(CancellationToken callerToken)
    {
        try
        {
            string reply = await _chain.ExecuteAsync(0, static (p, _, ct) => p.CompleteAsync("hi", ct), FailoverPolicy.Default, callerToken).ConfigureAwait(false);
            return Array.IndexOf(_names, reply) >= 0 ? "result" : Violated($"a result no provider gave: '{reply}'");
        }
        catch (FallbackChainExhaustedException exhausted)
        {
            int distinct = exhausted.Attempts.Select(a => a.ProviderIndex).Distinct().Count();
            if (distinct != exhausted.Attempts.Count)
            {
                return Violated("exhaustion listing a provider twice: " + exhausted.Message);
            }

            if (!exhausted.DeadlineExceeded && distinct != _names.Length)
            {
                return Violated($"exhaustion naming {distinct} of {_names.Length} providers without a deadline: " + exhausted.Message);
            }

            return exhausted.DeadlineExceeded ? "deadline reached" : "all providers failed";
        }
        catch (OperationCanceledException canceled)
        {
            return callerToken.IsCancellationRequested && canceled.CancellationToken == callerToken
                ? "caller cancelled"
                : Violated($"{canceled.GetType().Name} that is not the caller's: {canceled.Message}");
        }
        catch (ProviderException bad) when (bad.StatusCode == 400)
        {
            return "bad request rethrown";
        }
        catch (Exception other)
        {
            return Violated($"unexpected {other.GetType().Name}: {other.Message}");
        }
    }

    private string Violated(string what)
    {
        _report.Violation(what);
        return "violation";
    }
}
