using System;

namespace FailoverGen;

/// <summary>What a classifier learned from one failed provider call.</summary>
public readonly struct FailureClassification : IEquatable<FailureClassification>
{
    /// <summary>Creates a classification.</summary>
    /// <param name="reason">Why the call failed.</param>
    /// <param name="statusCode">The HTTP status code, when a response arrived.</param>
    /// <param name="retryAfter">How long the provider asked to wait, relative to when the failure was seen.</param>
    /// <param name="retryAt">The absolute time the provider said it will accept calls again (HTTP-date or RFC 3339 reset headers).</param>
    /// <param name="errorCode">The provider's error type or code, e.g. <c>rate_limit_exceeded</c>.</param>
    public FailureClassification(FailoverReason reason, int? statusCode = null, TimeSpan? retryAfter = null, DateTimeOffset? retryAt = null, string? errorCode = null)
    {
        Reason = reason;
        StatusCode = statusCode;
        RetryAfter = retryAfter;
        RetryAt = retryAt;
        ErrorCode = errorCode;
    }

    /// <summary>Why the call failed.</summary>
    public FailoverReason Reason { get; }

    /// <summary>The HTTP status code, when a response arrived.</summary>
    public int? StatusCode { get; }

    /// <summary>How long the provider asked to wait, relative to when the failure was seen.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The absolute time the provider said it will accept calls again.</summary>
    public DateTimeOffset? RetryAt { get; }

    /// <summary>The provider's error type or code.</summary>
    public string? ErrorCode { get; }

    /// <summary>The wait the provider asked for, relative to <paramref name="now"/>; null when it gave none.</summary>
    public TimeSpan? GetRetryDelay(DateTimeOffset now)
    {
        if (RetryAfter is TimeSpan delay)
        {
            return delay;
        }

        if (RetryAt is DateTimeOffset at)
        {
            return at > now ? at - now : TimeSpan.Zero;
        }

        return null;
    }

    /// <inheritdoc />
    public bool Equals(FailureClassification other) =>
        Reason == other.Reason && StatusCode == other.StatusCode && RetryAfter == other.RetryAfter
        && RetryAt == other.RetryAt && string.Equals(ErrorCode, other.ErrorCode, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is FailureClassification other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => ((int)Reason * 397) ^ (StatusCode ?? 0);

    /// <inheritdoc />
    public override string ToString() => StatusCode is int status ? $"{Reason} ({status})" : Reason.ToString();
}
