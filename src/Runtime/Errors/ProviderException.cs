using System;

namespace FailoverGen;

/// <summary>
/// A failed provider call with everything failover needs: status code, the provider's error type and code,
/// the retry hint and the raw body. Hand-written clients throw it (see
/// <see cref="ProviderResponseExtensions.EnsureProviderSuccessAsync"/>) instead of
/// <c>EnsureSuccessStatusCode()</c>, which discards the body and headers.
/// </summary>
public class ProviderException : Exception
{
    /// <summary>Creates a provider exception.</summary>
    /// <param name="message">What went wrong, ideally the provider's own error message.</param>
    /// <param name="statusCode">The HTTP status code, or null when no response arrived.</param>
    /// <param name="errorType">The provider's error type, e.g. <c>rate_limit_error</c> or <c>RESOURCE_EXHAUSTED</c>.</param>
    /// <param name="errorCode">The provider's error code, e.g. <c>insufficient_quota</c>.</param>
    /// <param name="retryAfter">How long the provider asked to wait.</param>
    /// <param name="retryAt">When the provider said it will accept calls again.</param>
    /// <param name="reason">An explicit reason that overrides classification.</param>
    /// <param name="responseBody">The (possibly truncated) response body.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public ProviderException(
        string message,
        int? statusCode = null,
        string? errorType = null,
        string? errorCode = null,
        TimeSpan? retryAfter = null,
        DateTimeOffset? retryAt = null,
        FailoverReason? reason = null,
        string? responseBody = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorType = errorType;
        ErrorCode = errorCode;
        RetryAfter = retryAfter;
        RetryAt = retryAt;
        Reason = reason;
        ResponseBody = responseBody;
    }

    /// <summary>The HTTP status code, or null when no response arrived.</summary>
    public int? StatusCode { get; }

    /// <summary>The provider's error type (<c>error.type</c> or <c>error.status</c>).</summary>
    public string? ErrorType { get; }

    /// <summary>The provider's error code (<c>error.code</c>).</summary>
    public string? ErrorCode { get; }

    /// <summary>How long the provider asked to wait.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>When the provider said it will accept calls again.</summary>
    public DateTimeOffset? RetryAt { get; }

    /// <summary>An explicit reason that overrides classification.</summary>
    public FailoverReason? Reason { get; }

    /// <summary>The response body, truncated to a bounded size.</summary>
    public string? ResponseBody { get; }
}
