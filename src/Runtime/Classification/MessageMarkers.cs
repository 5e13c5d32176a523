using System;

namespace FailoverGen;

/// <summary>
/// Phrases in provider error messages that reveal what the status code and error type do not: Anthropic sends
/// "credit balance is too low" as a 400 <c>invalid_request_error</c>, Groq sends a tokens-per-minute limit as 413.
/// Text is the weakest evidence, so it only refines a bad request, an auth failure or an unknown failure.
/// </summary>
internal static class MessageMarkers
{
    private static readonly (string Phrase, FailoverReason Reason)[] Markers =
    {
        ("credit balance is too low", FailoverReason.Billing),
        ("insufficient balance", FailoverReason.Billing),
        ("key limit exceeded", FailoverReason.Billing),
        ("enable billing", FailoverReason.Billing),
        ("regain access on", FailoverReason.Quota),
        ("reached your specified api usage limits", FailoverReason.Quota),
        ("exceeded your current quota", FailoverReason.Quota),
        ("tokens per minute", FailoverReason.RateLimit),
        ("(tpm)", FailoverReason.RateLimit),
        ("rate limit", FailoverReason.RateLimit),
        ("prompt is too long", FailoverReason.ContextOverflow),
        ("maximum context length", FailoverReason.ContextOverflow),
        ("input token count", FailoverReason.ContextOverflow),
        ("too long for this model", FailoverReason.ContextOverflow),
        ("input is too long", FailoverReason.ContextOverflow),
        ("context window", FailoverReason.ContextOverflow),
        ("overloaded", FailoverReason.Overloaded),
        ("capacity exceeded", FailoverReason.Overloaded),
        ("requires moderation", FailoverReason.ContentFilter),
        ("input was flagged", FailoverReason.ContentFilter),
        ("api key not valid", FailoverReason.Auth),
    };

    /// <summary>A more specific reason found in <paramref name="texts"/>, or <paramref name="structured"/> unchanged.</summary>
    public static FailoverReason Refine(FailoverReason structured, params string?[] texts)
    {
        if (structured is not (FailoverReason.BadRequest or FailoverReason.Auth or FailoverReason.Unknown))
        {
            return structured;
        }

        foreach ((string phrase, FailoverReason reason) in Markers)
        {
            foreach (string? text in texts)
            {
                if (text is not null && text.IndexOf(phrase, StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return reason;
                }
            }
        }

        return structured;
    }
}
