namespace FailoverGen;

/// <summary>
/// The low-cardinality <c>error.type</c> value for each <see cref="FailoverReason"/>, in the snake case OpenTelemetry
/// uses for error codes.
/// </summary>
internal static class ErrorTypes
{
    public static string Of(FailoverReason reason) => reason switch
    {
        FailoverReason.RateLimit => "rate_limit",
        FailoverReason.Quota => "quota",
        FailoverReason.Billing => "billing",
        FailoverReason.Auth => "auth",
        FailoverReason.Overloaded => "overloaded",
        FailoverReason.ServerError => "server_error",
        FailoverReason.Timeout => "timeout",
        FailoverReason.Network => "network",
        FailoverReason.ModelNotFound => "model_not_found",
        FailoverReason.ContextOverflow => "context_overflow",
        FailoverReason.ContentFilter => "content_filter",
        FailoverReason.BadRequest => "bad_request",
        FailoverReason.Canceled => "canceled",
        _ => "_OTHER",
    };
}
