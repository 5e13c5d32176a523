using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace AotChat.Providers;

/// <summary>Anthropic's Messages API.</summary>
public sealed class AnthropicClient(HttpClient http, string model) : IChatProvider
{
    public async Task<string> CompleteAsync(string prompt, CancellationToken cancellationToken = default)
    {
        using JsonDocument reply = await JsonBodies.PostAsync(
            http,
            "v1/messages",
            body =>
            {
                body.WriteStartObject();
                body.WriteString("model", model);
                body.WriteNumber("max_tokens", 256);
                body.WriteStartArray("messages");
                body.WriteStartObject();
                body.WriteString("role", "user");
                body.WriteString("content", prompt);
                body.WriteEndObject();
                body.WriteEndArray();
                body.WriteEndObject();
            },
            cancellationToken);
        return reply.RootElement.GetProperty("content")[0].GetProperty("text").GetString() ?? string.Empty;
    }
}
