using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace ChatFailover.Providers;

/// <summary>OpenAI's Chat Completions API.</summary>
public sealed class OpenAiClient(HttpClient http, string model) : IChatProvider
{
    public async Task<ChatReply> CompleteAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = request.Prompt }),
        };
        using JsonDocument reply = await JsonBodies.PostAsync(http, "v1/chat/completions", body, cancellationToken);
        JsonElement message = reply.RootElement.GetProperty("choices")[0].GetProperty("message");
        return new ChatReply(message.GetProperty("content").GetString() ?? string.Empty, model);
    }
}
