using System;
using System.Collections.Generic;

namespace FailoverGen;

/// <summary>
/// Provider error types and codes (from the JSON error body) that say more than the status code does.
/// Kept as data so a new provider marker is one line.
/// </summary>
internal static class ProviderErrorCodes
{
    private static readonly Dictionary<string, FailoverReason> Reasons = new(StringComparer.OrdinalIgnoreCase)
    {
        ["rate_limit_exceeded"] = FailoverReason.RateLimit,
        ["rate_limit_error"] = FailoverReason.RateLimit,
        ["ThrottlingException"] = FailoverReason.RateLimit,
        ["insufficient_quota"] = FailoverReason.Quota,
        ["billing_error"] = FailoverReason.Billing,
        ["insufficient_balance"] = FailoverReason.Billing,
        ["authentication_error"] = FailoverReason.Auth,
        ["permission_error"] = FailoverReason.Auth,
        ["invalid_api_key"] = FailoverReason.Auth,
        ["UNAUTHENTICATED"] = FailoverReason.Auth,
        ["PERMISSION_DENIED"] = FailoverReason.Auth,
        ["API_KEY_INVALID"] = FailoverReason.Auth,

        // Google: the project cannot use this model here at all (region, or billing not enabled); text refines to Billing.
        ["FAILED_PRECONDITION"] = FailoverReason.Auth,
        ["overloaded_error"] = FailoverReason.Overloaded,
        ["capacity_exceeded"] = FailoverReason.Overloaded,
        ["ModelNotReadyException"] = FailoverReason.Overloaded,
        ["UNAVAILABLE"] = FailoverReason.Overloaded,
        ["api_error"] = FailoverReason.ServerError,
        ["INTERNAL"] = FailoverReason.ServerError,
        ["DEADLINE_EXCEEDED"] = FailoverReason.Timeout,
        ["not_found_error"] = FailoverReason.ModelNotFound,
        ["model_not_found"] = FailoverReason.ModelNotFound,
        ["NOT_FOUND"] = FailoverReason.ModelNotFound,
        ["context_length_exceeded"] = FailoverReason.ContextOverflow,
        ["content_filter"] = FailoverReason.ContentFilter,
        ["request_too_large"] = FailoverReason.BadRequest,
        ["invalid_request_error"] = FailoverReason.BadRequest,
        ["INVALID_ARGUMENT"] = FailoverReason.BadRequest,
    };

    /// <summary>Looks the code up first (more specific), then the type.</summary>
    public static bool TryGetReason(string? errorCode, string? errorType, out FailoverReason reason)
    {
        if (errorCode is not null && Reasons.TryGetValue(errorCode, out reason))
        {
            return true;
        }

        if (errorType is not null && Reasons.TryGetValue(errorType, out reason))
        {
            return true;
        }

        reason = FailoverReason.Unknown;
        return false;
    }
}
