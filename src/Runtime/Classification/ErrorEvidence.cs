using System;

namespace FailoverGen;

/// <summary>
/// What a <see cref="ProviderException"/> says about its failure, with the gaps filled from its message when the
/// structured fields are empty: SDKs and gateways often keep only a message such as
/// <c>Error code: 429 - {"error": {...}}</c> or <c>An error occurred (ThrottlingException) when calling …</c>, or the
/// provider's raw JSON error as text.
/// </summary>
internal readonly struct ErrorEvidence
{
    private ErrorEvidence(int? status, string? code, string? type, string? text, TimeSpan? retryAfter, DateTimeOffset? retryAt)
    {
        Status = status;
        Code = code;
        Type = type;
        Text = text;
        RetryAfter = retryAfter;
        RetryAt = retryAt;
    }

    public int? Status { get; }

    public string? Code { get; }

    public string? Type { get; }

    /// <summary>Extra text to search for phrases beside the message and body: an embedded error's own message.</summary>
    public string? Text { get; }

    public TimeSpan? RetryAfter { get; }

    public DateTimeOffset? RetryAt { get; }

    private static readonly char[] JsonStarts = { '{', '[' };

    public static ErrorEvidence Of(ProviderException exception)
    {
        string message = exception.Message;
        if (exception.StatusCode is not null || exception.ErrorCode is not null || exception.ErrorType is not null)
        {
            return new ErrorEvidence(exception.StatusCode, exception.ErrorCode, exception.ErrorType, null, exception.RetryAfter, exception.RetryAt);
        }

        int brace = message.IndexOfAny(JsonStarts);
        ProviderErrorBody? embedded = brace >= 0 ? ProviderErrorBody.TryParse(message.Substring(brace)) : null;
        int? status = StatusText.Find(message) ?? (embedded?.NumericCode is int code and >= 400 and <= 599 ? code : null);
        string? errorCode = embedded?.Code;
        string? errorType = embedded?.Type;
        if (errorCode is null && errorType is null)
        {
            errorCode = ProviderErrorCodes.FindInText(message);
        }

        TimeSpan? retryAfter = exception.RetryAfter ?? embedded?.RetryDelay;
        DateTimeOffset? retryAt = exception.RetryAt;
        if (retryAfter is null && retryAt is null)
        {
            retryAfter = RetryHints.FromText(message);
            retryAt = retryAfter is null ? RetryHints.RetryAtFromText(message) : null;
        }

        return new ErrorEvidence(status, errorCode, errorType, embedded?.Message, retryAfter, retryAt);
    }
}
