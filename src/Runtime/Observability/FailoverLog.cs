using System;
using Microsoft.Extensions.Logging;

namespace FailoverGen;

/// <summary>
/// The chain's log messages, source-generated so that a disabled level costs one check and no allocation. Event ids
/// are stable and listed in docs/observability.md. The structured field names are snake case, the way log back-ends
/// and OpenTelemetry attributes spell them, which is why the parameters are too.
/// </summary>
internal static partial class FailoverLog
{
    [LoggerMessage(EventId = 1001, EventName = "AttemptStarted", Level = LogLevel.Trace,
        Message = "{chain}: calling {provider} (attempt {attempt}, probe {probe})")]
    public static partial void AttemptStarted(ILogger logger, string chain, string provider, int attempt, bool probe);

    [LoggerMessage(EventId = 1002, EventName = "AttemptSucceeded", Level = LogLevel.Debug,
        Message = "{chain}: {provider} answered in {elapsed} (attempt {attempt}, {requests} request(s), first item after {time_to_first_item})")]
    public static partial void AttemptSucceeded(ILogger logger, string chain, string provider, TimeSpan elapsed, int attempt, int requests, TimeSpan? time_to_first_item);

    [LoggerMessage(EventId = 1003, EventName = "AttemptFailed", Level = LogLevel.Warning,
        Message = "{chain}: {provider} failed: {reason} (status {status}, retry after {retry_after}) after {elapsed} (attempt {attempt}, {items_delivered} item(s) delivered)")]
    public static partial void AttemptFailed(
        ILogger logger, string chain, string provider, FailoverReason reason, int? status, TimeSpan? retry_after, TimeSpan elapsed, int attempt, int items_delivered, Exception? exception);

    [LoggerMessage(EventId = 1004, EventName = "AttemptSkipped", Level = LogLevel.Debug,
        Message = "{chain}: skipped {provider}: {reason}, cooling down for {cooldown_remaining}")]
    public static partial void AttemptSkipped(ILogger logger, string chain, string provider, FailoverReason reason, TimeSpan? cooldown_remaining);

    [LoggerMessage(EventId = 1005, EventName = "Switched", Level = LogLevel.Information,
        Message = "{chain}: \u26A1 Switched to {provider} ({passed_over})")]
    public static partial void Switched(ILogger logger, string chain, string provider, string passed_over);

    [LoggerMessage(EventId = 1006, EventName = "CooldownOpened", Level = LogLevel.Warning,
        Message = "{chain}: {provider} cools down until {until:O}: {reason} (status {status}, retry after {retry_after}, error code {error_code}, group {group})")]
    public static partial void CooldownOpened(
        ILogger logger, string chain, string provider, DateTimeOffset until, FailoverReason reason, int? status, TimeSpan? retry_after, string? error_code, string? group);

    [LoggerMessage(EventId = 1007, EventName = "Recovered", Level = LogLevel.Information,
        Message = "{chain}: {provider} recovered (probe {probe})")]
    public static partial void Recovered(ILogger logger, string chain, string provider, bool probe);

    [LoggerMessage(EventId = 1008, EventName = "Exhausted", Level = LogLevel.Error,
        Message = "{chain}: no provider answered ({attempts} passed over in {elapsed}, deadline exceeded {deadline_exceeded}): {message}")]
    public static partial void Exhausted(ILogger logger, string chain, string message, int attempts, TimeSpan elapsed, bool deadline_exceeded);

    [LoggerMessage(EventId = 1009, EventName = "Degraded", Level = LogLevel.Warning,
        Message = "{chain}: {provider} is slow ({latency} against a baseline of {baseline}); trying it after the healthy providers")]
    public static partial void Degraded(ILogger logger, string chain, string provider, TimeSpan latency, TimeSpan baseline);

    [LoggerMessage(EventId = 1010, EventName = "DegradationEnded", Level = LogLevel.Information,
        Message = "{chain}: {provider} is back in its place ({latency} against a baseline of {baseline})")]
    public static partial void DegradationEnded(ILogger logger, string chain, string provider, TimeSpan latency, TimeSpan baseline);

    [LoggerMessage(EventId = 1011, EventName = "SettingsApplied", Level = LogLevel.Information,
        Message = "{chain}: new settings applied; order {order}")]
    public static partial void SettingsApplied(ILogger logger, string chain, string order);

    [LoggerMessage(EventId = 1012, EventName = "SettingsRejected", Level = LogLevel.Error,
        Message = "{chain}: new settings rejected ({count} problems); the previous settings stay in effect:\n{problems}")]
    public static partial void SettingsRejected(ILogger logger, string chain, int count, string problems);

    [LoggerMessage(EventId = 1013, EventName = "FleetCooldownApplied", Level = LogLevel.Information,
        Message = "{chain}: {provider} cools down until {until:O}, as another instance reported: {reason} (group {group})")]
    public static partial void FleetCooldownApplied(ILogger logger, string chain, string provider, DateTimeOffset until, FailoverReason reason, string? group);

    [LoggerMessage(EventId = 1014, EventName = "FleetRecovered", Level = LogLevel.Information,
        Message = "{chain}: {provider} recovered on another instance")]
    public static partial void FleetRecovered(ILogger logger, string chain, string provider);

    [LoggerMessage(EventId = 1015, EventName = "StreamResumed", Level = LogLevel.Warning,
        Message = "{chain}: the stream from {failed} broke after {items} items; {provider} goes on (continued {continued}: when false, the items already sent are replaced)")]
    public static partial void StreamResumed(ILogger logger, string chain, string failed, string provider, int items, bool continued);

    [LoggerMessage(EventId = 1900, EventName = "ObserverFailed", Level = LogLevel.Error,
        Message = "{chain}: observer {observer} threw from {callback}; the call went on, and later exceptions from this observer are not logged")]
    public static partial void ObserverFailed(ILogger logger, string chain, string observer, string callback, Exception exception);
}
