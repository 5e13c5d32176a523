using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace AotChat.Providers;

/// <summary>Google Gemini's generateContent endpoint.</summary>
public sealed class GeminiClient(HttpClient http, string model) : IChatProvider
{
    public async Task<string> CompleteAsync(string prompt, CancellationToken cancellationToken = default)
    {
        using JsonDocument reply = await JsonBodies.PostAsync(
            http,
            $"v1beta/models/{model}:generateContent",
            body =>
            {
                body.WriteStartObject();
                body.WriteStartArray("contents");
                body.WriteStartObject();
                body.WriteStartArray("parts");
                body.WriteStartObject();
                body.WriteString("text", prompt);
                body.WriteEndObject();
                body.WriteEndArray();
                body.WriteEndObject();
                body.WriteEndArray();
                body.WriteEndObject();
            },
            cancellationToken);
        JsonElement part = reply.RootElement.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts")[0];
        return part.GetProperty("text").GetString() ?? string.Empty;
    }
}
