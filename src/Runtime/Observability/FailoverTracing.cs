using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace FailoverGen;

/// <summary>
/// Spans on the <c>FailoverGen</c> ActivitySource: one per chain call, one child per provider attempt. Starting one
/// costs a listener check when nobody listens. Start and end times come from the chain's TimeProvider, so spans agree
/// with the durations in events and metrics.
/// </summary>
internal static class FailoverTracing
{
    public static readonly ActivitySource Source = new(FailoverDiagnostics.ActivitySourceName, FailoverDiagnostics.Version);

    public static Activity? StartCall(string spanName, string chain, TimeProvider time)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        Activity? call = Source.StartActivity(spanName, ActivityKind.Internal);
        if (call is not null)
        {
            call.SetStartTime(time.GetUtcNow().UtcDateTime);
            call.SetTag(TagNames.Chain, chain);
        }

        return call;
    }

    public static Activity? StartAttempt(ProviderLabels labels, int attempt, bool probe, TimeProvider time)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        Activity? span = Source.StartActivity(labels.SpanName, ActivityKind.Internal);
        if (span is null)
        {
            return null;
        }

        span.SetStartTime(time.GetUtcNow().UtcDateTime);
        foreach (KeyValuePair<string, object?> tag in labels.Tags)
        {
            span.SetTag(tag.Key, tag.Value);
        }

        if (labels.Model is not null)
        {
            span.SetTag(TagNames.GenAiModel, labels.Model);
        }

        span.SetTag(TagNames.Attempt, attempt);
        if (probe)
        {
            span.SetTag(TagNames.Probe, true);
        }

        return span;
    }

    /// <summary>Ends an attempt the provider answered.</summary>
    public static void Succeeded(Activity span, int requests, TimeProvider time)
    {
        span.SetTag(TagNames.Requests, requests);
        span.SetStatus(ActivityStatusCode.Ok);
        Stop(span, time);
    }

    /// <summary>Ends an attempt that failed, as OpenTelemetry records errors: status, <c>error.type</c> and an exception event.</summary>
    public static void Failed(Activity span, FailoverAttempt attempt, TimeProvider time)
    {
        span.SetTag(TagNames.Reason, attempt.Reason.ToString());
        span.SetTag(TagNames.ErrorType, ErrorTypes.Of(attempt.Reason));
        span.SetTag(TagNames.Requests, attempt.Requests);
        if (attempt.StatusCode is int status)
        {
            span.SetTag(TagNames.StatusCode, status);
        }

        if (attempt.RetryAfter is TimeSpan retryAfter)
        {
            span.SetTag(TagNames.RetryAfter, retryAfter.TotalSeconds);
        }

        Fail(span, attempt.ToString(), attempt.Exception, time);
    }

    /// <summary>Ends a span with an error that the chain does not handle (or that ended the call).</summary>
    public static void Fail(Activity span, string description, Exception? exception, TimeProvider time)
    {
        if (exception is not null)
        {
            if (span.GetTagItem(TagNames.ErrorType) is null)
            {
                span.SetTag(TagNames.ErrorType, exception.GetType().FullName);
            }

            span.AddException(exception);
        }

        span.SetStatus(ActivityStatusCode.Error, description);
        Stop(span, time);
    }

    /// <summary>Tags a call span with what its walk did: the providers passed over, skipped ones listed apart.</summary>
    public static void Walked(Activity call, IReadOnlyList<FailoverAttempt>? passedOver, int calls)
    {
        call.SetTag(TagNames.Attempts, calls);
        if (passedOver is null)
        {
            return;
        }

        var skipped = new List<string>();
        foreach (FailoverAttempt attempt in passedOver)
        {
            if (attempt.WasSkipped)
            {
                skipped.Add(attempt.ProviderName);
            }
        }

        if (skipped.Count > 0)
        {
            call.SetTag(TagNames.Skipped, skipped.ToArray());
        }
    }

    public static void Stop(Activity span, TimeProvider time)
    {
        span.SetEndTime(time.GetUtcNow().UtcDateTime);
        span.Stop();
    }
}
