using System;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using Polly.Timeout;

namespace FailoverGen;

/// <summary>
/// The built-in rules: <see cref="ProviderException"/> (explicit reason, then provider error code/type, then
/// status code, then message text), <see cref="HttpRequestException"/>, timeouts (including a per-attempt
/// timeout), cancellations that are not the caller's, and socket/IO failures.
/// </summary>
public sealed class DefaultFailoverClassifier : IFailoverClassifier
{
    /// <summary>The shared instance.</summary>
    public static DefaultFailoverClassifier Instance { get; } = new();

    private static readonly TimeSpan QuotaLikeWait = TimeSpan.FromHours(1);

    private DefaultFailoverClassifier()
    {
    }

    /// <inheritdoc />
    public bool TryClassify(Exception exception, out FailureClassification classification)
    {
        switch (exception)
        {
            case ProviderException provider when ReasonOf(provider, ErrorEvidence.Of(provider), out ErrorEvidence evidence) is FailoverReason reason:
                classification = new FailureClassification(
                    reason,
                    evidence.Status,
                    evidence.RetryAfter,
                    evidence.RetryAt,
                    evidence.Code ?? evidence.Type);
                return true;
#if NET
            case HttpRequestException { StatusCode: { } status }:
                classification = new FailureClassification(StatusCodeReasons.FromStatusCode((int)status), (int)status);
                return true;
#endif
            // Where HttpRequestException has no StatusCode (netstandard2.0), EnsureSuccessStatusCode() still writes it
            // into the message: "Response status code does not indicate success: 429 (Too Many Requests)."
            case HttpRequestException http when StatusText.Find(http.Message) is int status:
                classification = new FailureClassification(StatusCodeReasons.FromStatusCode(status), status);
                return true;
            case HttpRequestException:
            case SocketException:
            case IOException:
                classification = new FailureClassification(FailoverReason.Network);
                return true;
            case TimeoutException:
            case TimeoutRejectedException:
            case OperationCanceledException:
                // The engine has already ruled out the caller's own cancellation, so what is left is a timeout
                // (HttpClient.Timeout surfaces as TaskCanceledException).
                classification = new FailureClassification(FailoverReason.Timeout);
                return true;
            default:
                classification = default;
                return false;
        }
    }

    /// <summary>
    /// Weighs the evidence a <see cref="ProviderException"/> carries, strongest first: an explicit reason; a specific
    /// provider code or type; the status (a catch-all code such as <c>invalid_request_error</c> never overrides a more
    /// specific status); a catch-all code; a status written in the message ("Error code: 429"). Then the message and
    /// body may narrow that verdict (<see cref="MessageMarkers.Refines"/>), or give one when nothing else did. Null when
    /// the exception carries nothing to go on, so its inner exception is looked at instead.
    /// </summary>
    private static FailoverReason? ReasonOf(ProviderException exception, ErrorEvidence found, out ErrorEvidence evidence)
    {
        evidence = found;
        if (exception.Reason is FailoverReason explicitReason)
        {
            return explicitReason;
        }

        FailoverReason fromStatus = evidence.Status is int code ? StatusCodeReasons.FromStatusCode(code) : FailoverReason.Unknown;
        bool coded = ProviderErrorCodes.TryGetReason(evidence.Code, evidence.Type, out FailoverReason fromCode, out bool catchAll);
        FailoverReason structured = coded && !catchAll ? fromCode
            : fromStatus is not (FailoverReason.Unknown or FailoverReason.BadRequest) ? fromStatus
            : coded ? fromCode
            : fromStatus;
        FailoverReason reason = MessageMarkers.Find(exception.Message, exception.ResponseBody, evidence.Text) is FailoverReason phrase
            && MessageMarkers.Refines(structured, phrase)
                ? phrase
                : structured;

        // A rate limit that lasts an hour or more is a quota in all but name (Azure's S0 tier: "retry after 86400 seconds").
        if (reason == FailoverReason.RateLimit && evidence.RetryAfter >= QuotaLikeWait)
        {
            reason = FailoverReason.Quota;
        }

        return reason == FailoverReason.Unknown ? null : reason;
    }
}
