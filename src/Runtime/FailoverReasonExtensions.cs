using System;

namespace FailoverGen;

/// <summary>Facts about each <see cref="FailoverReason"/> that the engine and messages rely on.</summary>
public static class FailoverReasonExtensions
{
    /// <summary>
    /// Transient reasons are worth another attempt on the same provider. Rate limits, quotas,
    /// billing and auth are not: retrying them only delays the fallback.
    /// </summary>
    public static bool IsTransient(this FailoverReason reason) => reason switch
    {
        FailoverReason.ServerError or FailoverReason.Timeout or FailoverReason.Network or FailoverReason.Overloaded => true,
        _ => false,
    };

    /// <summary>
    /// Reasons that move to the next provider when an interface declares no <see cref="FailoverOnAttribute"/>.
    /// Bad requests, content filtering and context overflow would fail the same way everywhere,
    /// so they are rethrown unless explicitly opted in.
    /// </summary>
    public static bool IsFailoverSafeByDefault(this FailoverReason reason) => reason switch
    {
        FailoverReason.RateLimit or FailoverReason.Quota or FailoverReason.Billing or FailoverReason.Auth
            or FailoverReason.Overloaded or FailoverReason.ServerError or FailoverReason.Timeout
            or FailoverReason.Network or FailoverReason.ModelNotFound => true,
        _ => false,
    };

    /// <summary>A short human-readable phrase, e.g. "rate limited".</summary>
    public static string Describe(this FailoverReason reason) => reason switch
    {
        FailoverReason.RateLimit => "rate limited",
        FailoverReason.Quota => "quota exhausted",
        FailoverReason.Billing => "out of credit",
        FailoverReason.Auth => "authentication failed",
        FailoverReason.Overloaded => "overloaded",
        FailoverReason.ServerError => "server error",
        FailoverReason.Timeout => "timed out",
        FailoverReason.Network => "network error",
        FailoverReason.ModelNotFound => "model not found",
        FailoverReason.ContextOverflow => "context too long",
        FailoverReason.ContentFilter => "blocked by content filter",
        FailoverReason.BadRequest => "bad request",
        FailoverReason.Canceled => "canceled",
        _ => "unrecognised error",
    };

    /// <summary>Every reason's name, for messages that list what is accepted.</summary>
    internal static string NameList { get; } = string.Join(", ", Names());

    /// <summary>
    /// Reads a reason written by name in configuration, ignoring case. Numbers and combinations are refused: an
    /// operator who writes "7" or "RateLimit, Quota" meant something a single name says better.
    /// </summary>
    internal static bool TryParseName(string? text, out FailoverReason reason)
    {
        for (var candidate = FailoverReason.Unknown; candidate <= FailoverReason.Canceled; candidate++)
        {
            if (string.Equals(candidate.ToString(), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                reason = candidate;
                return true;
            }
        }

        reason = default;
        return false;
    }

    private static string[] Names()
    {
        var names = new string[FailoverReason.Canceled - FailoverReason.Unknown + 1];
        for (var reason = FailoverReason.Unknown; reason <= FailoverReason.Canceled; reason++)
        {
            names[reason - FailoverReason.Unknown] = reason.ToString();
        }

        return names;
    }
}
