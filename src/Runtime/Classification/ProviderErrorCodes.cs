using System;
using System.Collections.Generic;
using System.Linq;

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
        ["insufficient_user_quota"] = FailoverReason.Quota,
        ["exceeded_current_quota_error"] = FailoverReason.Billing,
        ["engine_overloaded_error"] = FailoverReason.Overloaded,
        ["rate_limit_reached_error"] = FailoverReason.RateLimit,
        ["too_many_requests"] = FailoverReason.RateLimit,
        ["TooManyRequests"] = FailoverReason.RateLimit,
        ["RESOURCE_EXHAUSTED"] = FailoverReason.RateLimit,
        ["ServiceUnavailableException"] = FailoverReason.Overloaded,
        ["ModelTimeoutException"] = FailoverReason.Timeout,
        ["ResourceNotFoundException"] = FailoverReason.ModelNotFound,
        ["AccessDeniedException"] = FailoverReason.Auth,
        ["UnrecognizedClientException"] = FailoverReason.Auth,
        ["ExpiredTokenException"] = FailoverReason.Auth,
        ["DeploymentNotFound"] = FailoverReason.ModelNotFound,
        ["data_inspection_failed"] = FailoverReason.ContentFilter,
        ["content_policy_violation"] = FailoverReason.ContentFilter,
        ["Arrearage"] = FailoverReason.Billing,
        ["payment_required"] = FailoverReason.Billing,
        ["unsupported_country_region_territory"] = FailoverReason.Auth,
        ["timeout"] = FailoverReason.Timeout,
        ["model_decommissioned"] = FailoverReason.ModelNotFound,
        ["model_not_available"] = FailoverReason.ModelNotFound,
        ["dedicated_endpoint_not_running"] = FailoverReason.ModelNotFound,
        ["invalid_prompt"] = FailoverReason.ContentFilter,
        ["throttling_error"] = FailoverReason.RateLimit,
        ["provider_unavailable"] = FailoverReason.ServerError,

        // Catch-alls: they say only "something about the request" or "something on our side".
        ["invalid_request_error"] = FailoverReason.BadRequest,
        ["INVALID_ARGUMENT"] = FailoverReason.BadRequest,
        ["ValidationException"] = FailoverReason.BadRequest,
        ["BadRequest"] = FailoverReason.BadRequest,
        ["bad_request"] = FailoverReason.BadRequest,
        ["invalid_request"] = FailoverReason.BadRequest,
        ["api_error"] = FailoverReason.ServerError,
        ["server_error"] = FailoverReason.ServerError,
        ["internal_error"] = FailoverReason.ServerError,
        ["internal_server_error"] = FailoverReason.ServerError,
    };

    /// <summary>Codes and types that name a family of failures rather than one: a specific status outranks them.</summary>
    private static readonly HashSet<string> CatchAlls = new(StringComparer.OrdinalIgnoreCase)
    {
        "invalid_request_error", "INVALID_ARGUMENT", "ValidationException", "BadRequest", "bad_request", "invalid_request",
        "api_error", "server_error", "internal_error", "internal_server_error", "INTERNAL", "RESOURCE_EXHAUSTED",
    };

    /// <summary>
    /// Codes distinctive enough to find in free text ("An error occurred (ThrottlingException) when calling …",
    /// "litellm … insufficient_quota"): those with an underscore or an SDK exception-type name. Plain words such as
    /// <c>timeout</c> or <c>INTERNAL</c> would match ordinary prose.
    /// </summary>
    private static readonly string[] FindableInText = Reasons.Keys
        .Where(key => key.IndexOf('_') > 0 || key.EndsWith("Exception", StringComparison.Ordinal) || key.EndsWith("NotFound", StringComparison.Ordinal))
        .OrderByDescending(key => key.Length)
        .ToArray();

    /// <summary>The first known code named in <paramref name="text"/>, or null.</summary>
    public static string? FindInText(string text)
    {
        foreach (string key in FindableInText)
        {
            if (text.IndexOf(key, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return key;
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="code"/> is a catch-all such as <c>invalid_request_error</c> or <c>api_error</c>.</summary>
    public static bool IsCatchAll(string code) => CatchAlls.Contains(code);

    /// <summary>
    /// Looks the code up first (more specific), then the type; a specific entry wins over a catch-all one whichever
    /// field it is in. <paramref name="catchAll"/> tells whether the reason found came from a catch-all.
    /// </summary>
    public static bool TryGetReason(string? errorCode, string? errorType, out FailoverReason reason, out bool catchAll)
    {
        bool codeFound = TryLookup(errorCode, out FailoverReason fromCode, out bool codeIsCatchAll);
        bool typeFound = TryLookup(errorType, out FailoverReason fromType, out bool typeIsCatchAll);
        if (codeFound && (!codeIsCatchAll || !typeFound || typeIsCatchAll))
        {
            (reason, catchAll) = (fromCode, codeIsCatchAll);
            return true;
        }

        if (typeFound)
        {
            (reason, catchAll) = (fromType, typeIsCatchAll);
            return true;
        }

        (reason, catchAll) = (FailoverReason.Unknown, false);
        return false;
    }

    private static bool TryLookup(string? key, out FailoverReason reason, out bool catchAll)
    {
        catchAll = false;
        if (key is null || !Reasons.TryGetValue(key, out reason))
        {
            reason = FailoverReason.Unknown;
            return false;
        }

        catchAll = IsCatchAll(key);
        return true;
    }
}
