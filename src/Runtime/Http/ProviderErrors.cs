using System;
using System.Collections.Generic;
using System.Text;

namespace FailoverGen;

/// <summary>
/// Builds a <see cref="ProviderException"/> from the parts of a failed HTTP response. Every source of provider
/// errors goes through here — <see cref="ProviderResponseExtensions.EnsureProviderSuccessAsync"/>, the
/// classifiers generated for SDK exceptions, and hand-written adapters — so they all classify alike.
/// </summary>
public static class ProviderErrors
{
    /// <summary>Creates (does not throw) the exception for a failed response.</summary>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="headers">Response headers; names are compared case-insensitively. May be null.</param>
    /// <param name="body">The response body, or null. Only the first <see cref="ProviderResponseExtensions.MaxBodyChars"/> characters are kept.</param>
    /// <param name="reasonPhrase">The HTTP reason phrase, used when the body has no message.</param>
    /// <param name="innerException">The exception this one explains, e.g. an SDK's own.</param>
    public static ProviderException FromResponse(
        int statusCode,
        IEnumerable<KeyValuePair<string, string>>? headers,
        string? body,
        string? reasonPhrase = null,
        Exception? innerException = null) =>
        Create(statusCode, "HTTP " + statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), headers, body, reasonPhrase, innerException);

    /// <summary>
    /// Reads one event of a streaming response and returns the provider's error when the event is one: an SSE
    /// <c>event: error</c> (Anthropic), a <c>data:</c> chunk carrying an <c>error</c> object (OpenAI, OpenRouter,
    /// vLLM), or a bare JSON error chunk. Null for ordinary chunks and <c>[DONE]</c>. A status the error names
    /// (<c>"code": 503</c>) becomes its status code; otherwise it has none, and its type and message classify it.
    /// </summary>
    /// <param name="eventText">The event's lines as received, e.g. <c>"event: error\ndata: {…}"</c>.</param>
    public static ProviderException? FromStreamEvent(string? eventText)
    {
        if (string.IsNullOrWhiteSpace(eventText))
        {
            return null;
        }

        string text = TextLimits.Truncate(eventText!, ProviderResponseExtensions.MaxBodyChars);
        ServerSentEvent.Read(text, out string? name, out string data);
        bool namedError = string.Equals(name, "error", StringComparison.OrdinalIgnoreCase);
        if (data.Length == 0 || data == "[DONE]" || (!namedError && !ProviderErrorBody.IsErrorChunk(data)))
        {
            return null;
        }

        int? status = ProviderErrorBody.TryParse(data)?.NumericCode is int code and >= 400 and <= 599 ? code : null;
        return status is int known
            ? Create(known, "Stream error " + known.ToString(System.Globalization.CultureInfo.InvariantCulture), null, data, null, null)
            : Create(null, "Stream error", null, data, null, null);
    }

    /// <summary>
    /// Throws the provider's error when <paramref name="eventText"/> is an error event (see <see cref="FromStreamEvent"/>).
    /// Call it for each event a streaming client reads: an error before the first item then fails over like any
    /// failed request, and one after it ends the stream with the provider's error instead of a silent truncation.
    /// </summary>
    /// <exception cref="ProviderException">The event is an error.</exception>
    public static void ThrowIfStreamError(string? eventText)
    {
        if (FromStreamEvent(eventText) is ProviderException error)
        {
            throw error;
        }
    }

    private static ProviderException Create(
        int? statusCode,
        string prefix,
        IEnumerable<KeyValuePair<string, string>>? headers,
        string? body,
        string? reasonPhrase,
        Exception? innerException)
    {
        body = body is null ? null : TextLimits.Truncate(body, ProviderResponseExtensions.MaxBodyChars);
        TimeSpan? retryAfter = null;
        DateTimeOffset? retryAt = null;
        string? amazonErrorType = null;
        if (headers is not null)
        {
            // Rate-limit reset headers come with every response; they only say when to retry when the limit was hit.
            RetryHints.TryRead(headers, out retryAfter, out retryAt, includeRateLimitResets: statusCode == 429);
            amazonErrorType = AmazonErrorType(headers);
        }

        ProviderErrorBody? error = ProviderErrorBody.TryParse(body);
        FailoverReason? reason = null;
        if (error?.QuotaId is string quotaId)
        {
            // Google's QuotaFailure says which limit ran out: a per-day one keeps the provider out far longer.
            reason = quotaId.IndexOf("PerDay", StringComparison.OrdinalIgnoreCase) >= 0 ? FailoverReason.Quota : FailoverReason.RateLimit;
        }

        string? errorType = error?.Type ?? amazonErrorType;
        string? providerMessage = error?.Message;
        var message = new StringBuilder(prefix);
        if ((errorType ?? error?.Code) is string kind)
        {
            message.Append(' ').Append(kind);
        }

        message.Append(": ").Append(providerMessage ?? (reasonPhrase is { Length: > 0 } ? reasonPhrase : "no error message"));
        if (retryAfter is null && retryAt is null)
        {
            string? text = providerMessage ?? body;
            retryAfter = error?.RetryDelay ?? RetryHints.FromText(text);
            retryAt = retryAfter is null ? RetryHints.RetryAtFromText(text) : null;
        }

        return new ProviderException(message.ToString(), statusCode, errorType, error?.Code, retryAfter, retryAt, reason, body, innerException);
    }

    /// <summary>
    /// Classifies a failed response that arrived as some other exception (an SDK's), from its status, headers and
    /// body. Generated wrappers call this for the SDK exception types the project references. Returns false when
    /// no response arrived (status 0), so the exception's inner exception is looked at instead.
    /// </summary>
    public static bool TryClassify(
        int statusCode,
        IEnumerable<KeyValuePair<string, string>>? headers,
        string? body,
        Exception exception,
        out FailureClassification classification)
    {
        if (statusCode is < 100 or > 599)
        {
            classification = default;
            return false;
        }

        return DefaultFailoverClassifier.Instance.TryClassify(FromResponse(statusCode, headers, body, innerException: exception), out classification);
    }

    /// <summary>AWS services name the error in <c>x-amzn-ErrorType</c>, e.g. "ThrottlingException:http://internal.amazon.com/".</summary>
    private static string? AmazonErrorType(IEnumerable<KeyValuePair<string, string>> headers)
    {
        foreach (KeyValuePair<string, string> header in headers)
        {
            if (string.Equals(header.Key, "x-amzn-ErrorType", StringComparison.OrdinalIgnoreCase) && header.Value is { Length: > 0 } value)
            {
                int colon = value.IndexOf(':');
                return colon > 0 ? value.Substring(0, colon) : value;
            }
        }

        return null;
    }
}
