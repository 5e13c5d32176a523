using System;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging;

namespace FailoverGen.Benchmarks;

/// <summary>
/// The healthy path with nobody listening against the same path with every channel on: an observer, a logger at Debug,
/// a MeterListener on every FailoverGen instrument and an ActivityListener recording every span.
/// </summary>
[MemoryDiagnoser]
public class ObservabilityBenchmarks
{
    private IEchoProvider _chat = null!;
    private MeterListener? _meters;
    private ActivityListener? _spans;

    [GlobalSetup(Target = nameof(NobodyListening))]
    public void SetupQuiet() =>
        _chat = new EchoProviderFailover(FallbackChain.Create<IEchoProvider>().Add("primary", new Echo()).Add("fallback", new Echo()).Build());

    [GlobalSetup(Target = nameof(ObserverLoggerAndMeterListener))]
    public void SetupObserved()
    {
        _chat = Observed();
        _meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == FailoverDiagnostics.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meters.SetMeasurementEventCallback<long>(static (_, _, _, _) => { });
        _meters.SetMeasurementEventCallback<double>(static (_, _, _, _) => { });
        _meters.Start();
    }

    [GlobalSetup(Target = nameof(EverythingIncludingSpans))]
    public void SetupTraced()
    {
        SetupObserved();
        _spans = new ActivityListener
        {
            ShouldListenTo = source => source.Name == FailoverDiagnostics.ActivitySourceName,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_spans);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _meters?.Dispose();
        _spans?.Dispose();
        _meters = null;
        _spans = null;
    }

    [Benchmark(Baseline = true)]
    public Task<string> NobodyListening() => _chat.EchoAsync("hello");

    [Benchmark]
    public Task<string> ObserverLoggerAndMeterListener() => _chat.EchoAsync("hello");

    [Benchmark]
    public Task<string> EverythingIncludingSpans() => _chat.EchoAsync("hello");

    private static IEchoProvider Observed() =>
        new EchoProviderFailover(FallbackChain.Create<IEchoProvider>()
            .Add("primary", new Echo())
            .Add("fallback", new Echo())
            .Configure(o =>
            {
                o.Name = "observed";
                o.Observers.Add(new CountingObserver());
                o.LoggerFactory = new DiscardingLoggerFactory();
            })
            .Build());

    private sealed class CountingObserver : FailoverObserver
    {
        public int Count { get; private set; }

        public override void OnAttemptSucceeded(AttemptSucceeded e) => Count++;
    }

    /// <summary>Enabled at Debug and above, so the chain formats its messages, which are then dropped.</summary>
    private sealed class DiscardingLoggerFactory : ILoggerFactory, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            formatter(state, exception);

        public void Dispose()
        {
        }
    }
}
