namespace FailoverGen;

/// <summary>Why a provider call failed, as far as failover is concerned.</summary>
public enum FailoverReason
{
    /// <summary>No rule recognised the failure. Continues to the next provider by default.</summary>
    Unknown = 0,

    /// <summary>Short-term request or token rate limit (HTTP 429, <c>rate_limit_exceeded</c>, per-minute quota).</summary>
    RateLimit,

    /// <summary>A longer quota is used up (<c>insufficient_quota</c>, per-day quota).</summary>
    Quota,

    /// <summary>The account cannot pay (HTTP 402, <c>billing_error</c>, "credit balance is too low").</summary>
    Billing,

    /// <summary>Credentials rejected or access denied (HTTP 401/403).</summary>
    Auth,

    /// <summary>The provider is overloaded or out of capacity (HTTP 503, 529, 498).</summary>
    Overloaded,

    /// <summary>The provider failed internally (HTTP 500, 502, other 5xx).</summary>
    ServerError,

    /// <summary>The request took too long: HTTP 408/504, a client-side timeout that is not the caller's cancellation.</summary>
    Timeout,

    /// <summary>No response arrived: connection refused or reset, DNS or TLS failure.</summary>
    Network,

    /// <summary>The model or endpoint does not exist for this provider (HTTP 404).</summary>
    ModelNotFound,

    /// <summary>The prompt exceeds the model's context window. Not fallback-safe unless opted in.</summary>
    ContextOverflow,

    /// <summary>The provider's content filter blocked the request. Not fallback-safe unless opted in.</summary>
    ContentFilter,

    /// <summary>The request itself is invalid (HTTP 400/422). Not fallback-safe unless opted in.</summary>
    BadRequest,

    /// <summary>The operation was canceled by something other than the caller or a timeout.</summary>
    Canceled,
}
