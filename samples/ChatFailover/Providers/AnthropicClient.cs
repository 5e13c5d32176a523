using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace ChatFailover.Providers;

/// <summary>Anthropic's Messages API.</summary>
public sealed class AnthropicClient(HttpClient http, string model) : IChatProvider
{
    public async Task<ChatReply> CompleteAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["max_tokens"] = 256,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = request.Prompt }),
        };
        using JsonDocument reply = await JsonBodies.PostAsync(http, "v1/messages", body, cancellationToken);
        return new ChatReply(reply.RootElement.GetProperty("content")[0].GetProperty("text").GetString() ?? string.Empty, model);
    }
}
