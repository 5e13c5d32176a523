namespace FailoverGen;

/// <summary>The reason an HTTP status code means when the response body says nothing more specific.</summary>
internal static class StatusCodeReasons
{
    /// <summary>Maps a status code to its default reason; <see cref="FailoverReason.Unknown"/> when it has none.</summary>
    public static FailoverReason FromStatusCode(int statusCode) => statusCode switch
    {
        400 or 405 or 409 or 411 or 413 or 415 or 422 => FailoverReason.BadRequest,
        401 or 403 => FailoverReason.Auth,
        402 => FailoverReason.Billing,
        404 => FailoverReason.ModelNotFound,
        408 or 499 or 504 or 522 or 524 => FailoverReason.Timeout,
        429 => FailoverReason.RateLimit,
        498 or 503 or 529 => FailoverReason.Overloaded,
        >= 500 and <= 599 => FailoverReason.ServerError,
        _ => FailoverReason.Unknown,
    };
}
