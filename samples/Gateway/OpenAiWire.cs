using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;

namespace Gateway;

/// <summary>OpenAI's response shapes, written with Utf8JsonWriter: completions, stream chunks, usage and errors.</summary>
public static class OpenAiWire
{
    public static async Task WriteCompletionAsync(HttpResponse http, ChatResponse response, string requestedModel)
    {
        http.ContentType = "application/json";
        await WriteJsonAsync(http, json =>
        {
            json.WriteStartObject();
            json.WriteString("id", response.ResponseId ?? "chatcmpl-" + Guid.NewGuid().ToString("N"));
            json.WriteString("object", "chat.completion");
            json.WriteNumber("created", (response.CreatedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds());
            // The model that answered, so a caller can tell a fallback's answer from the primary's.
            json.WriteString("model", response.ModelId ?? requestedModel);
            json.WriteStartArray("choices");
            json.WriteStartObject();
            json.WriteNumber("index", 0);
            json.WriteStartObject("message");
            json.WriteString("role", "assistant");
            json.WriteString("content", response.Text);
            json.WriteEndObject();
            json.WriteString("finish_reason", FinishReason(response.FinishReason) ?? "stop");
            json.WriteEndObject();
            json.WriteEndArray();
            WriteUsage(json, response.Usage);
            json.WriteEndObject();
        });
    }

    public static async Task WriteErrorAsync(HttpResponse http, int status, string message, string type, string? code)
    {
        http.StatusCode = status;
        http.ContentType = "application/json";
        await WriteJsonAsync(http, json => WriteError(json, message, type, code));
    }

    private static void WriteError(Utf8JsonWriter json, string message, string type, string? code)
    {
        json.WriteStartObject();
        json.WriteStartObject("error");
        json.WriteString("message", message);
        json.WriteString("type", type);
        json.WriteNull("param");
        if (code is null)
        {
            json.WriteNull("code");
        }
        else
        {
            json.WriteString("code", code);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteUsage(Utf8JsonWriter json, UsageDetails? usage)
    {
        if (usage is null)
        {
            return;
        }

        json.WriteStartObject("usage");
        json.WriteNumber("prompt_tokens", usage.InputTokenCount ?? 0);
        json.WriteNumber("completion_tokens", usage.OutputTokenCount ?? 0);
        json.WriteNumber("total_tokens", usage.TotalTokenCount ?? (usage.InputTokenCount ?? 0) + (usage.OutputTokenCount ?? 0));
        json.WriteEndObject();
    }

    private static string? FinishReason(ChatFinishReason? reason) =>
        reason is null ? null
        : reason == ChatFinishReason.Stop ? "stop"
        : reason == ChatFinishReason.Length ? "length"
        : reason == ChatFinishReason.ToolCalls ? "tool_calls"
        : reason == ChatFinishReason.ContentFilter ? "content_filter"
        : reason.Value.Value;

    private static async Task WriteJsonAsync(HttpResponse http, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            write(json);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(http.Body);
    }

    /// <summary>
    /// A streamed answer as server-sent events, each update a <c>chat.completion.chunk</c> flushed as it comes, then
    /// the usage (when asked for) and <c>[DONE]</c>; or an in-band error event when the answer cannot be completed.
    /// </summary>
    public sealed class ChunkStream
    {
        private readonly HttpResponse _http;
        private readonly string _requestedModel;
        private readonly bool _includeUsage;
        private readonly string _id = "chatcmpl-" + Guid.NewGuid().ToString("N");
        private readonly long _created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        private string? _model;
        private UsageDetails? _usage;
        private bool _roleSent;

        public ChunkStream(HttpResponse http, string requestedModel, bool includeUsage)
        {
            _http = http;
            _requestedModel = requestedModel;
            _includeUsage = includeUsage;
        }

        public async Task StartAsync()
        {
            _http.ContentType = "text/event-stream; charset=utf-8";
            _http.Headers.CacheControl = "no-cache";
            _http.Headers["X-Accel-Buffering"] = "no";
            await _http.StartAsync();
        }

        public async Task WriteAsync(ChatResponseUpdate update)
        {
            _model = update.ModelId ?? _model;
            if (update.Contents.OfType<UsageContent>().FirstOrDefault() is UsageContent usage)
            {
                _usage = usage.Details;
            }

            string text = update.Text;
            string? finish = FinishReason(update.FinishReason);
            if (text.Length == 0 && finish is null && _roleSent)
            {
                return;
            }

            await SendAsync(json =>
            {
                Chunk(json);
                json.WriteStartArray("choices");
                json.WriteStartObject();
                json.WriteNumber("index", 0);
                json.WriteStartObject("delta");
                if (!_roleSent)
                {
                    json.WriteString("role", "assistant");
                }

                json.WriteString("content", text);
                json.WriteEndObject();
                if (finish is null)
                {
                    json.WriteNull("finish_reason");
                }
                else
                {
                    json.WriteString("finish_reason", finish);
                }

                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            });
            _roleSent = true;
        }

        public async Task EndAsync()
        {
            if (_includeUsage && _usage is not null)
            {
                await SendAsync(json =>
                {
                    Chunk(json);
                    json.WriteStartArray("choices");
                    json.WriteEndArray();
                    WriteUsage(json, _usage);
                    json.WriteEndObject();
                });
            }

            await _http.WriteAsync("data: [DONE]\n\n");
            await _http.Body.FlushAsync();
        }

        /// <summary>The answer cannot be completed: an error event the client cannot mistake for more of the answer.</summary>
        public async Task FailAsync(string message, string? code)
        {
            await SendAsync(json => WriteError(json, message, "failover_error", code));
            await _http.WriteAsync("data: [DONE]\n\n");
            await _http.Body.FlushAsync();
        }

        private void Chunk(Utf8JsonWriter json)
        {
            json.WriteStartObject();
            json.WriteString("id", _id);
            json.WriteString("object", "chat.completion.chunk");
            json.WriteNumber("created", _created);
            json.WriteString("model", _model ?? _requestedModel);
        }

        private async Task SendAsync(Action<Utf8JsonWriter> write)
        {
            using var buffer = new MemoryStream();
            buffer.Write("data: "u8);
            using (var json = new Utf8JsonWriter(buffer))
            {
                write(json);
            }

            buffer.Write("\n\n"u8);
            await _http.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
            await _http.Body.FlushAsync();
        }
    }
}
