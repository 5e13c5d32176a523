using System;

namespace FailoverGen;

/// <summary>
/// Phrases in provider error messages and bodies that say what the status and error code do not: Anthropic sends
/// "credit balance is too low" as a 400, Groq a daily token quota as a 429 rate limit, OpenRouter a model that is not
/// there as "No endpoints found". Ordered from the most specific to the most generic: the first phrase found wins.
/// Whether a phrase may overrule the structured evidence is decided by <see cref="Refines"/>.
/// </summary>
internal static class MessageMarkers
{
    private static readonly string[] MissingModelEndings = { "not found", "not available", "does not exist", "not exist" };

    private static readonly (string Phrase, FailoverReason Reason)[] Markers =
    {
        // Money: waiting will not help until someone pays.
        ("credit balance is too low", FailoverReason.Billing),
        ("insufficient balance", FailoverReason.Billing),
        ("insufficient_balance", FailoverReason.Billing),
        ("insufficient credits", FailoverReason.Billing),
        ("insufficient funds", FailoverReason.Billing),
        ("requires more credits", FailoverReason.Billing),
        ("add more credits", FailoverReason.Billing),
        ("included credits", FailoverReason.Billing),
        ("credits exhausted", FailoverReason.Billing),
        ("out of credits", FailoverReason.Billing),
        ("credit limit", FailoverReason.Billing),
        ("prepayment credits are depleted", FailoverReason.Billing),
        ("key limit exceeded", FailoverReason.Billing),
        ("billing not active", FailoverReason.Billing),
        ("billing is not active", FailoverReason.Billing),
        ("billing_not_active", FailoverReason.Billing),
        ("enable billing", FailoverReason.Billing),
        ("billing to be enabled", FailoverReason.Billing),
        ("hard limit", FailoverReason.Billing),
        ("spending limit", FailoverReason.Billing),
        ("arrearage", FailoverReason.Billing),
        ("overdue-payment", FailoverReason.Billing),
        ("good standing", FailoverReason.Billing),
        ("payment required", FailoverReason.Billing),
        ("budget has been exceeded", FailoverReason.Billing),
        ("exceeded budget", FailoverReason.Billing),
        ("exceeded_budget", FailoverReason.Billing),
        ("positive balance", FailoverReason.Billing),
        ("account is suspended", FailoverReason.Billing),
        ("account has been suspended", FailoverReason.Billing),
        ("extra usage is required", FailoverReason.Billing),

        // Limits that last a day or more.
        ("tokens per day", FailoverReason.Quota),
        ("requests per day", FailoverReason.Quota),
        ("(tpd)", FailoverReason.Quota),
        ("(rpd)", FailoverReason.Quota),
        ("per-day", FailoverReason.Quota),
        ("perday", FailoverReason.Quota),
        ("per_day", FailoverReason.Quota),
        ("per day", FailoverReason.Quota),
        ("daily limit", FailoverReason.Quota),
        ("daily quota", FailoverReason.Quota),
        ("daily free", FailoverReason.Quota),
        ("daily allocation", FailoverReason.Quota),
        ("weekly usage limit", FailoverReason.Quota),
        ("hourly usage limit", FailoverReason.Quota),
        ("session usage limit", FailoverReason.Quota),
        ("allocated quota exceeded", FailoverReason.Quota),

        // A per-minute limit is a rate limit, whatever the word quota around it says.
        ("tokens per minute", FailoverReason.RateLimit),
        ("requests per minute", FailoverReason.RateLimit),
        ("per minute", FailoverReason.RateLimit),
        ("per_minute", FailoverReason.RateLimit),
        ("perminute", FailoverReason.RateLimit),
        ("(tpm)", FailoverReason.RateLimit),
        ("(rpm)", FailoverReason.RateLimit),

        // Quotas and plan allowances.
        ("regain access on", FailoverReason.Quota),
        ("reached your specified api usage limits", FailoverReason.Quota),
        ("exceeded your current quota", FailoverReason.Quota),
        ("exceeded_current_quota", FailoverReason.Quota),
        ("insufficient_quota", FailoverReason.Quota),
        ("free quota tier", FailoverReason.Quota),

        // The request is longer than the model takes.
        ("context_length_exceeded", FailoverReason.ContextOverflow),
        ("maximum context length", FailoverReason.ContextOverflow),
        ("context length", FailoverReason.ContextOverflow),
        ("context window", FailoverReason.ContextOverflow),
        ("exceed context limit", FailoverReason.ContextOverflow),
        ("exceeds the context", FailoverReason.ContextOverflow),
        ("prompt is too long", FailoverReason.ContextOverflow),
        ("prompt too long", FailoverReason.ContextOverflow),
        ("input is too long", FailoverReason.ContextOverflow),
        ("too long for this model", FailoverReason.ContextOverflow),
        ("too long for requested model", FailoverReason.ContextOverflow),
        ("input token count", FailoverReason.ContextOverflow),
        ("input length", FailoverReason.ContextOverflow),
        ("max_new_tokens` must be", FailoverReason.ContextOverflow),
        ("max_new_tokens must be", FailoverReason.ContextOverflow),
        ("maximum number of tokens allowed", FailoverReason.ContextOverflow),
        ("too many tokens", FailoverReason.ContextOverflow),
        ("must have less than", FailoverReason.ContextOverflow),
        ("cannot truncate prompt", FailoverReason.ContextOverflow),
        ("n_keep", FailoverReason.ContextOverflow),
        ("max_tokens must be at least 1, got -", FailoverReason.ContextOverflow),
        ("reduce the length of the messages", FailoverReason.ContextOverflow),

        // The model is not there, or not callable this way.
        ("model_not_found", FailoverReason.ModelNotFound),
        ("model not found", FailoverReason.ModelNotFound),
        ("deploymentnotfound", FailoverReason.ModelNotFound),
        ("no endpoints found", FailoverReason.ModelNotFound),
        ("no models loaded", FailoverReason.ModelNotFound),
        ("invalid model", FailoverReason.ModelNotFound),
        ("unknown model", FailoverReason.ModelNotFound),
        ("no such model", FailoverReason.ModelNotFound),
        ("model identifier is invalid", FailoverReason.ModelNotFound),
        ("has been decommissioned", FailoverReason.ModelNotFound),
        ("on-demand throughput", FailoverReason.ModelNotFound),
        ("not found, try pulling it first", FailoverReason.ModelNotFound),
        ("is not a valid model", FailoverReason.ModelNotFound),

        // The provider's filter refused the content.
        ("content_filter", FailoverReason.ContentFilter),
        ("content management policy", FailoverReason.ContentFilter),
        ("data_inspection_failed", FailoverReason.ContentFilter),
        ("inappropriate content", FailoverReason.ContentFilter),
        ("requires moderation", FailoverReason.ContentFilter),
        ("input was flagged", FailoverReason.ContentFilter),
        ("flagged as potentially violating", FailoverReason.ContentFilter),
        ("content policy", FailoverReason.ContentFilter),
        ("safety system", FailoverReason.ContentFilter),

        // The key or the place is refused.
        ("user location is not supported", FailoverReason.Auth),
        ("unsupported_country", FailoverReason.Auth),
        ("country, region, or territory not supported", FailoverReason.Auth),
        ("api key not valid", FailoverReason.Auth),
        ("invalid api key", FailoverReason.Auth),
        ("incorrect api key", FailoverReason.Auth),
        ("invalid x-api-key", FailoverReason.Auth),
        ("invalid_api_key", FailoverReason.Auth),

        // The provider is busy: the same request may work in a moment.
        ("overloaded", FailoverReason.Overloaded),
        ("out of capacity", FailoverReason.Overloaded),
        ("capacity exceeded", FailoverReason.Overloaded),
        ("over capacity", FailoverReason.Overloaded),
        ("high demand", FailoverReason.Overloaded),
        ("currently loading", FailoverReason.Overloaded),
        ("total request limit reached", FailoverReason.Overloaded),
        ("no more data centers", FailoverReason.Overloaded),
        ("unable to process your request", FailoverReason.Overloaded),
        ("temporarily unavailable", FailoverReason.Overloaded),
        ("service unavailable", FailoverReason.Overloaded),
        ("server is busy", FailoverReason.Overloaded),

        // The server failed.
        ("enginedeaderror", FailoverReason.ServerError),
        ("engine loop is not running", FailoverReason.ServerError),
        ("internal server error", FailoverReason.ServerError),
        ("server had an error", FailoverReason.ServerError),

        // No answer arrived at all.
        ("apiconnectionerror", FailoverReason.Network),
        ("connection error", FailoverReason.Network),
        ("cannot connect to host", FailoverReason.Network),
        ("connection refused", FailoverReason.Network),
        ("connection reset", FailoverReason.Network),
        ("ssleoferror", FailoverReason.Network),
        ("name or service not known", FailoverReason.Network),

        // Generic words, weakest last.
        ("rate limit", FailoverReason.RateLimit),
        ("ratelimit", FailoverReason.RateLimit),
        ("rate-limit", FailoverReason.RateLimit),
        ("too many requests", FailoverReason.RateLimit),
        ("throttl", FailoverReason.RateLimit),
        ("resource_exhausted", FailoverReason.RateLimit),
        ("resourceexhausted", FailoverReason.RateLimit),
        ("timed out", FailoverReason.Timeout),
        ("deadline exceeded", FailoverReason.Timeout),
        ("access denied", FailoverReason.Auth),
        ("access is denied", FailoverReason.Auth),
        ("unauthorized", FailoverReason.Auth),
        ("authentication", FailoverReason.Auth),
        ("invalid request", FailoverReason.BadRequest),
    };

    /// <summary>
    /// The reason of the first phrase, in the table's order, found in any of the texts; then a missing model named in
    /// the text. Null when none says anything.
    /// </summary>
    public static FailoverReason? Find(string? first, string? second, string? third)
    {
        foreach ((string phrase, FailoverReason reason) in Markers)
        {
            if (Contains(first, phrase) || Contains(second, phrase) || Contains(third, phrase))
            {
                return reason;
            }
        }

        return NamesAMissingModel(first) || NamesAMissingModel(second) || NamesAMissingModel(third) ? FailoverReason.ModelNotFound : null;
    }

    /// <summary>"model 'xlarge' not found", "The model grok-2-image is not available": the word model shortly before.</summary>
    private static bool NamesAMissingModel(string? text)
    {
        if (text is null)
        {
            return false;
        }

        foreach (string ending in MissingModelEndings)
        {
            int at = text.IndexOf(ending, StringComparison.OrdinalIgnoreCase);
            if (at > 0 && text.LastIndexOf("model", at, Math.Min(at + 1, 60), StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether text saying <paramref name="phrase"/> may overrule structured evidence saying <paramref name="structured"/>.
    /// Text narrows a vague or generic verdict to a specific one (a 429 whose body says the quota is daily, a 500 whose
    /// message says overloaded); it never overrules a specific one with another specific one.
    /// </summary>
    public static bool Refines(FailoverReason structured, FailoverReason phrase) => structured switch
    {
        FailoverReason.Unknown or FailoverReason.BadRequest => true,
        FailoverReason.ServerError => phrase is not (FailoverReason.BadRequest or FailoverReason.Auth),
        FailoverReason.RateLimit => phrase is FailoverReason.Quota or FailoverReason.Billing or FailoverReason.Overloaded,
        FailoverReason.Overloaded => phrase is FailoverReason.Quota or FailoverReason.Billing or FailoverReason.RateLimit or FailoverReason.ModelNotFound,
        FailoverReason.Auth => phrase is FailoverReason.Billing or FailoverReason.Quota or FailoverReason.ContentFilter,
        FailoverReason.Quota => phrase is FailoverReason.Billing,
        _ => false,
    };

    private static bool Contains(string? text, string phrase) =>
        text is not null && text.IndexOf(phrase, StringComparison.OrdinalIgnoreCase) >= 0;
}
