using System;
using System.Text.Json;

namespace FailoverGen;

/// <summary>
/// The fields of a provider's JSON error body that classification uses. Understands the OpenAI/Anthropic/Groq
/// shape (<c>{"error":{"type","code","message"}}</c>), Google's (<c>{"error":{"status","message","details":[…]}}</c>
/// with <c>RetryInfo.retryDelay</c> and <c>QuotaFailure</c> quota ids) and Mistral's flat
/// <c>{"object":"error","type","code","message"}</c>, and Cloudflare's <c>{"errors":[{"code","message"}]}</c>. Gateways that wrap the upstream provider's error
/// (OpenRouter's <c>error.metadata.raw</c>) are read through to it, and Hugging Face's <c>estimated_time</c> for a
/// model that is loading is a retry hint.
/// </summary>
internal sealed class ProviderErrorBody
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

    /// <summary>A numeric <c>error.code</c> or <c>code</c>, which gateways and Google set to the HTTP status.</summary>
    public int? NumericCode { get; private set; }

    /// <summary>Google's <c>RetryInfo.retryDelay</c>, or Hugging Face's <c>estimated_time</c>.</summary>
    public TimeSpan? RetryDelay { get; private set; }

    /// <summary>Google's <c>QuotaFailure</c> quota id, e.g. <c>GenerateRequestsPerDayPerProjectPerModel-FreeTier</c>.</summary>
    public string? QuotaId { get; private set; }

    /// <summary>
    /// True when a streamed JSON chunk is an error rather than content: it has a non-null <c>error</c>, its
    /// <c>type</c> is <c>"error"</c>, or it has nothing but error fields (<c>message</c>, <c>code</c>, <c>type</c>, …)
    /// and a message. Content chunks always carry more (<c>choices</c>, <c>delta</c>, <c>candidates</c>, …). Never throws.
    /// </summary>
    public static bool IsErrorChunk(string data)
    {
        if (data.Length == 0 || data[0] != '{')
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(data, new JsonDocumentOptions { MaxDepth = 32 });
            JsonElement root = document.RootElement;
            if (root.TryGetProperty("error", out JsonElement error) && error.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
            {
                return true;
            }

            if (String(root, "type") == "error")
            {
                return true;
            }

            bool hasMessage = false;
            foreach (JsonProperty property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "message":
                        hasMessage = true;
                        break;
                    case "code" or "type" or "status" or "param" or "details" or "request_id" or "metadata":
                        break;
                    default:
                        return false;
                }
            }

            return hasMessage;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Parses <paramref name="body"/>; null when it is not a JSON error body. Never throws.</summary>
    public static ProviderErrorBody? TryParse(string? body) => TryParse(body, depth: 0);

    private static ProviderErrorBody? TryParse(string? body, int depth)
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

            JsonElement error = root.TryGetProperty("error", out JsonElement inner) && inner.ValueKind == JsonValueKind.Object ? inner
                : root.TryGetProperty("errors", out JsonElement list) && list.ValueKind == JsonValueKind.Array && list.GetArrayLength() > 0 && list[0].ValueKind == JsonValueKind.Object ? list[0]
                : root;
            var parsed = new ProviderErrorBody
            {
                Type = String(error, "type") ?? String(error, "status"),
                Code = String(error, "code"),
                NumericCode = Number(error, "code") ?? Number(root, "code"),
                Message = String(error, "message") ?? (inner.ValueKind == JsonValueKind.String ? inner.GetString() : null),
                RetryDelay = Double(root, "estimated_time") is double seconds ? TimeSpan.FromSeconds(Math.Min(Math.Max(seconds, 0), RetryHints.MaxHint.TotalSeconds)) : null,
            };
            if (error.TryGetProperty("details", out JsonElement details) && details.ValueKind == JsonValueKind.Array)
            {
                parsed.ReadGoogleDetails(details);
            }

            JsonElement metadata = error.TryGetProperty("metadata", out JsonElement m) && m.ValueKind == JsonValueKind.Object ? m
                : root.TryGetProperty("metadata", out m) && m.ValueKind == JsonValueKind.Object ? m
                : default;
            if (metadata.ValueKind == JsonValueKind.Object)
            {
                parsed.ReadGatewayMetadata(metadata, depth);
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

    /// <summary>
    /// A gateway's error says little ("Provider returned error"); the upstream provider's own error, kept as a string
    /// in <c>metadata.raw</c>, says what happened, so its type, code and message take precedence.
    /// </summary>
    private void ReadGatewayMetadata(JsonElement metadata, int depth)
    {
        Type ??= String(metadata, "error_type");
        if (String(metadata, "raw") is not string raw)
        {
            return;
        }

        ProviderErrorBody? upstream = depth < 2 ? TryParse(raw, depth + 1) : null;
        if (upstream is null)
        {
            Message = Message is null ? raw : Message + ": " + raw;
            return;
        }

        Type = upstream.Type ?? Type;
        Code = upstream.Code ?? Code;
        Message = upstream.Message ?? Message;
        RetryDelay ??= upstream.RetryDelay;
        QuotaId ??= upstream.QuotaId;
    }

    private static int? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int number) ? number : null;

    private static double? Double(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double number)
            && !double.IsNaN(number) && !double.IsInfinity(number)
            ? number
            : null;

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
