using System;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FailoverGen;

/// <summary>
/// Turns what the engine observes into observer events, log messages and metrics. Each channel is checked before any
/// work is done for it, so a chain nobody observes pays a few branches per call and allocates nothing.
/// </summary>
internal sealed class ChainTelemetry : IFailoverTelemetry
{
    private readonly string _chain;
    private readonly ProviderLabels[] _labels;
    private readonly TimeProvider _time;
    private readonly FailoverObserver[] _observers;
    private readonly int[] _observerFaulted;
    private readonly ILogger _logger;
    private readonly bool _logs;
    private readonly FailoverMetrics _metrics;

    public ChainTelemetry(string chain, ProviderLabels[] labels, FallbackChainOptions options, FailoverMetrics metrics)
    {
        _chain = chain;
        _labels = labels;
        _time = options.TimeProvider;
        _metrics = metrics;
        _logger = options.LoggerFactory?.CreateLogger(FailoverDiagnostics.LoggerCategory) ?? NullLogger.Instance;
        _logs = options.LoggerFactory is not null;
        int callbacks = options.OnAttempt is null && options.OnSwitched is null ? 0 : 1;
        _observers = new FailoverObserver[options.Observers.Count + callbacks];
        options.Observers.CopyTo(_observers, 0);
        if (callbacks == 1)
        {
            _observers[_observers.Length - 1] = new CallbackObserver(options.OnAttempt, options.OnSwitched);
        }

        _observerFaulted = new int[_observers.Length];
    }

    public bool FollowsEveryAttempt =>
        _observers.Length != 0 || _metrics.Attempts.Enabled || _metrics.AttemptDuration.Enabled || (_logs && _logger.IsEnabled(LogLevel.Debug));

    public void AttemptStarted(int index, int attempt, Admission admission)
    {
        bool probe = admission == Admission.Probe;
        FailoverLog.AttemptStarted(_logger, _chain, _labels[index].Name, attempt, probe);
        if (_observers.Length != 0)
        {
            Notify(new AttemptStarted(_chain, _time.GetUtcNow(), _labels[index].Name, index, attempt, probe), static (o, e) => o.OnAttemptStarted(e), nameof(FailoverObserver.OnAttemptStarted));
        }
    }

    public void AttemptSucceeded(int index, int attempt, TimeSpan duration, int requests, TimeSpan? timeToFirstItem, int? items)
    {
        ProviderLabels labels = _labels[index];
        FailoverLog.AttemptSucceeded(_logger, _chain, labels.Name, duration, attempt, requests, timeToFirstItem);
        RecordAttempt(labels, "success", reason: null, status: null, duration);
        if (_observers.Length != 0)
        {
            Notify(
                new AttemptSucceeded(_chain, _time.GetUtcNow(), labels.Name, index, attempt, duration, requests, timeToFirstItem, items),
                static (o, e) => o.OnAttemptSucceeded(e),
                nameof(FailoverObserver.OnAttemptSucceeded));
        }
    }

    public void AttemptFailed(FailoverAttempt attempt, int callAttempt, int itemsDelivered)
    {
        FailoverLog.AttemptFailed(
            _logger, _chain, attempt.ProviderName, attempt.Reason, attempt.StatusCode, attempt.RetryAfter, attempt.Elapsed, callAttempt, itemsDelivered, attempt.Exception);
        RecordAttempt(_labels[attempt.ProviderIndex], "failure", attempt.Reason, attempt.StatusCode, attempt.Elapsed);
        if (_observers.Length != 0)
        {
            Notify(new AttemptFailed(_chain, _time.GetUtcNow(), attempt, itemsDelivered), static (o, e) => o.OnAttemptFailed(e), nameof(FailoverObserver.OnAttemptFailed));
        }
    }

    public void AttemptSkipped(FailoverAttempt attempt)
    {
        FailoverLog.AttemptSkipped(_logger, _chain, attempt.ProviderName, attempt.Reason, attempt.CooldownRemaining);
        RecordAttempt(_labels[attempt.ProviderIndex], "skipped", attempt.Reason, status: null, duration: null);
        if (_observers.Length != 0)
        {
            Notify(new AttemptSkipped(_chain, _time.GetUtcNow(), attempt), static (o, e) => o.OnAttemptSkipped(e), nameof(FailoverObserver.OnAttemptSkipped));
        }
    }

    public void Switched(FailoverSwitch change)
    {
        if (_logger.IsEnabled(LogLevel.Information))
        {
            FailoverLog.Switched(_logger, _chain, change.ProviderName, change.DescribePassedOver());
        }

        if (_metrics.Failovers.Enabled)
        {
            ProviderLabels labels = _labels[change.ProviderIndex];
            _metrics.Failovers.Add(1, Tags(labels, outcome: null, change.PassedOver[0].Reason, status: null));
        }

        if (_observers.Length != 0)
        {
            Notify(new ProviderSwitched(_chain, _time.GetUtcNow(), change), static (o, e) => o.OnSwitched(e), nameof(FailoverObserver.OnSwitched));
        }
    }

    public void CooldownOpened(int index, DateTimeOffset until, in FailureClassification evidence, string? group)
    {
        ProviderLabels labels = _labels[index];
        DateTimeOffset now = _time.GetUtcNow();
        FailoverLog.CooldownOpened(_logger, _chain, labels.Name, until, evidence.Reason, evidence.StatusCode, evidence.GetRetryDelay(now), evidence.ErrorCode, group);
        if (_metrics.CooldownsOpened.Enabled)
        {
            _metrics.CooldownsOpened.Add(1, Tags(labels, outcome: null, evidence.Reason, status: null));
        }

        if (_observers.Length != 0)
        {
            Notify(new CooldownOpened(_chain, now, labels.Name, index, until, evidence, group), static (o, e) => o.OnCooldownOpened(e), nameof(FailoverObserver.OnCooldownOpened));
        }
    }

    public void Recovered(int index, bool byProbe)
    {
        ProviderLabels labels = _labels[index];
        FailoverLog.Recovered(_logger, _chain, labels.Name, byProbe);
        if (byProbe)
        {
            RecordProbe(labels, "success");
        }

        if (_observers.Length != 0)
        {
            Notify(new ProviderRecovered(_chain, _time.GetUtcNow(), labels.Name, index, byProbe), static (o, e) => o.OnRecovered(e), nameof(FailoverObserver.OnRecovered));
        }
    }

    public void StreamResumed(int failedIndex, int index, int itemsDelivered, bool continued)
    {
        FailoverLog.StreamResumed(_logger, _chain, _labels[failedIndex].Name, _labels[index].Name, itemsDelivered, continued);
        if (_observers.Length != 0)
        {
            Notify(new StreamResumed(_chain, _time.GetUtcNow(), _labels[failedIndex].Name, _labels[index].Name, itemsDelivered, continued), static (o, e) => o.OnStreamResumed(e), nameof(FailoverObserver.OnStreamResumed));
        }
    }

    public void FleetCooldownApplied(int index, DateTimeOffset until, FailoverReason reason, string? group)
    {
        ProviderLabels labels = _labels[index];
        FailoverLog.FleetCooldownApplied(_logger, _chain, labels.Name, until, reason, group);
        if (_observers.Length != 0)
        {
            var evidence = new FailureClassification(reason);
            Notify(new CooldownOpened(_chain, _time.GetUtcNow(), labels.Name, index, until, evidence, group, fromFleet: true), static (o, e) => o.OnCooldownOpened(e), nameof(FailoverObserver.OnCooldownOpened));
        }
    }

    public void FleetRecovered(int index)
    {
        ProviderLabels labels = _labels[index];
        FailoverLog.FleetRecovered(_logger, _chain, labels.Name);
        if (_observers.Length != 0)
        {
            Notify(new ProviderRecovered(_chain, _time.GetUtcNow(), labels.Name, index, byProbe: false, fromFleet: true), static (o, e) => o.OnRecovered(e), nameof(FailoverObserver.OnRecovered));
        }
    }

    public void ProbeFailed(int index) => RecordProbe(_labels[index], "failure");

    public void Exhausted(FallbackChainExhaustedException exhausted)
    {
        if (_logger.IsEnabled(LogLevel.Error))
        {
            FailoverLog.Exhausted(_logger, _chain, exhausted.Message, exhausted.Attempts.Count, exhausted.Elapsed, exhausted.DeadlineExceeded);
        }

        if (_metrics.Exhaustions.Enabled)
        {
            string errorType = exhausted.DeadlineExceeded || exhausted.Attempts.Count == 0
                ? "deadline_exceeded"
                : ErrorTypes.Of(exhausted.Attempts[exhausted.Attempts.Count - 1].Reason);
            _metrics.Exhaustions.Add(1, new(TagNames.Chain, _chain), new(TagNames.ErrorType, errorType));
        }

        if (_observers.Length != 0)
        {
            Notify(new ChainExhausted(_chain, _time.GetUtcNow(), exhausted), static (o, e) => o.OnExhausted(e), nameof(FailoverObserver.OnExhausted));
        }
    }

    public void DegradationChanged(int index, bool degraded, TimeSpan latency, TimeSpan baseline)
    {
        ProviderLabels labels = _labels[index];
        if (degraded)
        {
            FailoverLog.Degraded(_logger, _chain, labels.Name, latency, baseline);
        }
        else
        {
            FailoverLog.DegradationEnded(_logger, _chain, labels.Name, latency, baseline);
        }

        if (_observers.Length != 0)
        {
            Notify(
                new DegradationChanged(_chain, _time.GetUtcNow(), labels.Name, index, degraded, latency, baseline),
                static (o, e) => o.OnDegradationChanged(e),
                nameof(FailoverObserver.OnDegradationChanged));
        }
    }

    private static TagList Tags(ProviderLabels labels, string? outcome, FailoverReason? reason, int? status)
    {
        var tags = new TagList(labels.Tags);
        if (outcome is not null)
        {
            tags.Add(TagNames.Outcome, outcome);
        }

        if (reason is FailoverReason known)
        {
            tags.Add(TagNames.ErrorType, ErrorTypes.Of(known));
        }

        if (status is int code)
        {
            tags.Add(TagNames.StatusCode, code);
        }

        return tags;
    }

    private void RecordAttempt(ProviderLabels labels, string outcome, FailoverReason? reason, int? status, TimeSpan? duration)
    {
        Counter<long> attempts = _metrics.Attempts;
        Histogram<double> durations = _metrics.AttemptDuration;
        bool timed = duration is not null && durations.Enabled;
        if (!attempts.Enabled && !timed)
        {
            return;
        }

        TagList tags = Tags(labels, outcome, reason, status);
        attempts.Add(1, tags);
        if (timed)
        {
            durations.Record(duration!.Value.TotalSeconds, tags);
        }
    }

    private void RecordProbe(ProviderLabels labels, string outcome)
    {
        if (_metrics.Probes.Enabled)
        {
            _metrics.Probes.Add(1, Tags(labels, outcome, reason: null, status: null));
        }
    }

    /// <summary>
    /// Delivers <paramref name="e"/> to every observer. One that throws cannot break the call; its first exception is
    /// logged so that a broken dashboard or alert hook does not fail silently, and later ones are ignored.
    /// </summary>
    private void Notify<TEvent>(TEvent e, Action<FailoverObserver, TEvent> deliver, string callback)
    {
        for (int i = 0; i < _observers.Length; i++)
        {
            try
            {
                deliver(_observers[i], e);
            }
            catch (Exception ex)
            {
                if (Interlocked.Exchange(ref _observerFaulted[i], 1) == 0)
                {
                    FailoverLog.ObserverFailed(_logger, _chain, _observers[i].GetType().FullName ?? _observers[i].GetType().Name, callback, ex);
                }
            }
        }
    }
}
