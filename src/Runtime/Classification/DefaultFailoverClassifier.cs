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

    private DefaultFailoverClassifier()
    {
    }

    /// <inheritdoc />
    public bool TryClassify(Exception exception, out FailureClassification classification)
    {
        switch (exception)
        {
            case ProviderException provider when ReasonOf(provider) is FailoverReason reason:
                classification = new FailureClassification(
                    reason,
                    provider.StatusCode,
                    provider.RetryAfter,
                    provider.RetryAt,
                    provider.ErrorCode ?? provider.ErrorType);
                return true;
#if NET
            case HttpRequestException { StatusCode: { } status }:
                classification = new FailureClassification(StatusCodeReasons.FromStatusCode((int)status), (int)status);
                return true;
#endif
            case HttpRequestException http when StatusFromMessage(http.Message) is int status:
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
    /// Where <see cref="HttpRequestException"/> has no StatusCode property (netstandard2.0), EnsureSuccessStatusCode()
    /// still writes the status into its message: "Response status code does not indicate success: 429 (Too Many Requests)."
    /// </summary>
    private static int? StatusFromMessage(string message)
    {
        const string marker = "does not indicate success: ";
        int start = message.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0 || start + marker.Length + 3 > message.Length)
        {
            return null;
        }

        start += marker.Length;
        int status = 0;
        for (int i = start; i < start + 3; i++)
        {
            if (message[i] is < '0' or > '9')
            {
                return null;
            }

            status = (status * 10) + (message[i] - '0');
        }

        return status;
    }

    /// <summary>Null when the exception carries nothing to go on, so its inner exception is looked at instead.</summary>
    private static FailoverReason? ReasonOf(ProviderException exception)
    {
        if (exception.Reason is FailoverReason explicitReason)
        {
            return explicitReason;
        }

        FailoverReason? fromStatus = exception.StatusCode is int status ? StatusCodeReasons.FromStatusCode(status) : null;
        FailoverReason structured;
        if (ProviderErrorCodes.TryGetReason(exception.ErrorCode, exception.ErrorType, out FailoverReason fromCode)
            && !(fromCode == FailoverReason.BadRequest && fromStatus is not (null or FailoverReason.BadRequest or FailoverReason.Unknown)))
        {
            // A catch-all type such as invalid_request_error says less than a 402 or a 503 does.
            structured = fromCode;
        }
        else if (fromStatus is FailoverReason statusReason)
        {
            structured = statusReason;
        }
        else
        {
            return null;
        }

        return MessageMarkers.Refine(structured, exception.Message, exception.ResponseBody);
    }
}
