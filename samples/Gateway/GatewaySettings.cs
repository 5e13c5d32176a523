using System;

namespace Gateway;

/// <summary>
/// Where the gateway sends requests (the <c>Gateway</c> section of appsettings): the primary, which serves the model
/// each request names, and the fallback, which serves its own model (or the one a request asks for in
/// <see cref="FallbackModelHeader"/>).
/// </summary>
public sealed class GatewaySettings
{
    public UpstreamSettings Primary { get; set; } = new();

    public UpstreamSettings Fallback { get; set; } = new();

    /// <summary>
    /// A request header that names the fallback model for that request (a body field <c>fallback_model</c> does the same);
    /// empty to use only the body field or the configured model.
    /// </summary>
    public string FallbackModelHeader { get; set; } = "x-fallback-model";

    /// <summary>Throws with the key to fix when a required setting is missing.</summary>
    public void Validate()
    {
        Primary.Validate("Gateway:Primary", modelRequired: false);
        Fallback.Validate("Gateway:Fallback", modelRequired: true);
    }
}

/// <summary>One OpenAI-compatible endpoint.</summary>
public sealed class UpstreamSettings
{
    /// <summary>The API's base URL, ending in <c>/v1</c> for OpenAI itself.</summary>
    public string BaseUrl { get; set; } = string.Empty;

    public string ApiKey { get; set; } = string.Empty;

    /// <summary>The model to ask for; for the primary, null passes on the model the request names.</summary>
    public string? Model { get; set; }

    internal void Validate(string key, bool modelRequired)
    {
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException($"{key}:BaseUrl must be an absolute http(s) URL, such as https://api.openai.com/v1; it is \"{BaseUrl}\".");
        }

        if (string.IsNullOrEmpty(ApiKey))
        {
            throw new InvalidOperationException($"{key}:ApiKey is empty: set it (an environment variable such as Gateway__Primary__ApiKey keeps it out of the file).");
        }

        if (modelRequired && string.IsNullOrEmpty(Model))
        {
            throw new InvalidOperationException($"{key}:Model is empty: name the model the fallback serves.");
        }
    }
}
