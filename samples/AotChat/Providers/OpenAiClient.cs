using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace AotChat.Providers;

/// <summary>OpenAI's Chat Completions API.</summary>
public sealed class OpenAiClient(HttpClient http, string model) : IChatProvider
{
    public async Task<string> CompleteAsync(string prompt, CancellationToken cancellationToken = default)
    {
        using JsonDocument reply = await JsonBodies.PostAsync(
            http,
            "v1/chat/completions",
            body =>
            {
                body.WriteStartObject();
                body.WriteString("model", model);
                body.WriteStartArray("messages");
                body.WriteStartObject();
                body.WriteString("role", "user");
                body.WriteString("content", prompt);
                body.WriteEndObject();
                body.WriteEndArray();
                body.WriteEndObject();
            },
            cancellationToken);
        return reply.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString() ?? string.Empty;
    }
}
