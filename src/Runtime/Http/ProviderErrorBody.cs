using System;
using System.Text.Json;

namespace FailoverGen;

/// <summary>
/// The fields of a provider's JSON error body that classification uses. Understands the OpenAI/Anthropic/Groq
/// shape (<c>{"error":{"type","code","message"}}</c>), Google's (<c>{"error":{"status","message","details":[…]}}</c>
/// with <c>RetryInfo.retryDelay</c> and <c>QuotaFailure</c> quota ids) and Mistral's flat
/// <c>{"object":"error","type","code","message"}</c>.
/// </summary>
public sealed class ProviderErrorBody
{
    private ProviderErrorBody()
    {
    }

    /// <summary>The error type (<c>error.type</c>) or Google's <c>error.status</c>.</summary>
    public string? Type { get; private set; }

    /// <summary>The error code (<c>error.code</c> when it is a string).</summary>
    public string? Code { get; private set; }

    /// <summary>The provider's message.</summary>
    public string? Message { get; private set; }

    /// <summary>Google's <c>RetryInfo.retryDelay</c>.</summary>
    public TimeSpan? RetryDelay { get; private set; }

    /// <summary>Google's <c>QuotaFailure</c> quota id, e.g. <c>GenerateRequestsPerDayPerProjectPerModel-FreeTier</c>.</summary>
    public string? QuotaId { get; private set; }

    /// <summary>Parses <paramref name="body"/>; null when it is not a JSON error body. Never throws.</summary>
    public static ProviderErrorBody? TryParse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body) || body!.TrimStart()[0] is not ('{' or '['))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
            JsonElement root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0)
            {
                // Google sometimes wraps the error in a one-element array.
                root = root[0];
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            JsonElement error = root.TryGetProperty("error", out JsonElement inner) && inner.ValueKind == JsonValueKind.Object ? inner : root;
            var parsed = new ProviderErrorBody
            {
                Type = String(error, "type") ?? String(error, "status"),
                Code = String(error, "code"),
                Message = String(error, "message") ?? (inner.ValueKind == JsonValueKind.String ? inner.GetString() : null),
            };
            if (error.TryGetProperty("details", out JsonElement details) && details.ValueKind == JsonValueKind.Array)
            {
                parsed.ReadGoogleDetails(details);
            }

            return parsed.Type is null && parsed.Code is null && parsed.Message is null ? null : parsed;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            // Malformed JSON, invalid UTF-16 (a lone surrogate) or an escaped one that cannot become a string:
            // the status code still classifies the failure.
            return null;
        }
    }

    private void ReadGoogleDetails(JsonElement details)
    {
        foreach (JsonElement detail in details.EnumerateArray())
        {
            if (detail.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            if (Code is null && String(detail, "reason") is string reason)
            {
                // google.rpc.ErrorInfo: a machine-readable cause such as API_KEY_INVALID.
                Code = reason;
            }

            if (String(detail, "retryDelay") is string delay)
            {
                RetryDelay ??= RetryHints.GoDuration(delay);
            }

            if (detail.TryGetProperty("violations", out JsonElement violations) && violations.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement violation in violations.EnumerateArray())
                {
                    if (violation.ValueKind == JsonValueKind.Object && String(violation, "quotaId") is string quotaId)
                    {
                        // A per-day limit outranks a per-minute one: it decides how long the provider is out.
                        if (QuotaId is null || quotaId.IndexOf("PerDay", StringComparison.OrdinalIgnoreCase) >= 0)
                        {
                            QuotaId = quotaId;
                        }
                    }
                }
            }
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
