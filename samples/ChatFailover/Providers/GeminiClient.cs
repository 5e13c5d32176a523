using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace ChatFailover.Providers;

/// <summary>Google Gemini's generateContent endpoint.</summary>
public sealed class GeminiClient(HttpClient http, string model) : IChatProvider
{
    public async Task<ChatReply> CompleteAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["contents"] = new JsonArray(new JsonObject { ["parts"] = new JsonArray(new JsonObject { ["text"] = request.Prompt }) }),
        };
        using JsonDocument reply = await JsonBodies.PostAsync(http, $"v1beta/models/{model}:generateContent", body, cancellationToken);
        JsonElement part = reply.RootElement.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts")[0];
        return new ChatReply(part.GetProperty("text").GetString() ?? string.Empty, model);
    }
}
