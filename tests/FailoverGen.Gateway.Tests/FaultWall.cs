using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace FailoverGen.Gateway.Tests;

/// <summary>
/// A fake OpenAI-compatible provider on loopback that breaks in the sixteen ways Failover Bench (methodology v0.1)
/// documents in its scenario catalogue, written here from those published definitions: the model a request names
/// picks the fault (<c>fb-s01-…</c> to <c>fb-s16-…</c>), <c>fb-ok</c> always answers, <c>fb-ok-noprefill</c> refuses a
/// conversation that ends with an assistant message. Every healthy answer is the same sixty words, so a truncated or
/// spliced answer can never pass for a complete one. Each request is logged (model, attempt, time, action, prompt
/// size) for the checks to count.
/// </summary>
public sealed class FaultWall : IAsyncDisposable
{
    /// <summary>The canonical answer, exactly sixty words.</summary>
    public const string Answer =
        "A gateway earns trust only when the provider behind it misbehaves. Rate limits arrive without warning, streams die halfway "
        + "through a sentence, servers answer with malformed bytes, and a healthy model returns to service while the breaker is still "
        + "open. This answer contains exactly sixty words so that a truncated response can never be mistaken for a complete one again.";

    public static readonly string[] Words = Answer.Split(' ');

    /// <summary>The answer as stream pieces: the first word, then each next word with its leading space.</summary>
    private static readonly string[] Pieces = Words.Select((word, i) => i == 0 ? word : " " + word).ToArray();

    private readonly WebApplication _app;
    private readonly object _gate = new();
    private readonly List<WallRequest> _log = new();
    private readonly Dictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private long _reset = Stopwatch.GetTimestamp();
    private int _ids;

    private FaultWall(WebApplication app, WallTiming timing)
    {
        _app = app;
        Timing = timing;
    }

    public WallTiming Timing { get; }

    /// <summary>The OpenAI base URL, ending in <c>/v1</c>.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    public static async Task<FaultWall> StartAsync(WallTiming timing)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        WebApplication app = builder.Build();
        var wall = new FaultWall(app, timing);
        app.MapPost("/v1/chat/completions", wall.HandleAsync);
        await app.StartAsync();
        wall.BaseUrl = app.Urls.First() + "/v1";
        return wall;
    }

    /// <summary>Clears the log and the attempt counters, and restarts the clock (the flap's outage starts now).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _log.Clear();
            _attempts.Clear();
            _reset = Stopwatch.GetTimestamp();
        }
    }

    /// <summary>The requests since the last reset, in order.</summary>
    public IReadOnlyList<WallRequest> Log
    {
        get
        {
            lock (_gate)
            {
                return _log.ToArray();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        JsonElement root = body.RootElement;
        string model = root.GetProperty("model").GetString() ?? string.Empty;
        bool stream = root.TryGetProperty("stream", out JsonElement s) && s.ValueKind == JsonValueKind.True;
        bool usage = root.TryGetProperty("stream_options", out JsonElement so) && so.TryGetProperty("include_usage", out JsonElement u) && u.ValueKind == JsonValueKind.True;
        JsonElement[] messages = root.GetProperty("messages").EnumerateArray().ToArray();
        string lastRole = messages[^1].GetProperty("role").GetString() ?? string.Empty;
        string lastContent = messages[^1].TryGetProperty("content", out JsonElement c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : string.Empty;
        int promptTokens = messages.Sum(m => (m.TryGetProperty("content", out JsonElement t) && t.ValueKind == JsonValueKind.String ? t.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length : 0) + 4);
        string name = model[(model.LastIndexOf('/') + 1)..].Trim().ToLowerInvariant();
        string tag = name is "fb-ok" or "fb-ok-noprefill" ? name : name.StartsWith("fb-", StringComparison.Ordinal) ? name.Split('-')[1] : string.Empty;
        int attempt;
        lock (_gate)
        {
            _attempts[model] = attempt = _attempts.GetValueOrDefault(model) + 1;
        }

        var reply = new Reply(this, context, model, stream, usage, promptTokens, attempt, lastRole);
        if (tag.Length == 0)
        {
            await reply.ErrorAsync(404, $"The model `{model}` does not exist", "invalid_request_error", "model_not_found", "404 unknown model");
            return;
        }

        // Prefill comes first: a conversation ending with the assistant's words is continued from there, or refused.
        string[] words = Pieces;
        if (lastRole == "assistant")
        {
            if (tag == "fb-ok-noprefill")
            {
                await reply.ErrorAsync(400, "This model does not support assistant message prefill. The conversation must end with a user message.", "invalid_request_error", "invalid_prefill", "400 prefill_rejected");
                return;
            }

            string prefix = string.Join(' ', lastContent.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            if (prefix.Length > 0 && Answer.StartsWith(prefix, StringComparison.Ordinal))
            {
                words = Pieces.Skip(prefix.Split(' ').Length).ToArray();
            }
        }

        await (tag switch
        {
            "s01" when attempt == 1 => reply.ErrorAsync(429, $"Rate limit reached for {model}. Please retry after 2 seconds.", "rate_limit_error", "rate_limit_exceeded", "429 retry-after=2", retryAfter: "2"),
            "s02" => reply.ErrorAsync(429, $"Rate limit reached for {model}.", "rate_limit_error", "rate_limit_exceeded", "429"),
            "s03" when attempt == 1 => reply.ErrorAsync(500, "The server had an error while processing your request.", "server_error", null, "500"),
            "s04" or "s16" => reply.ErrorAsync(503, "The engine is currently overloaded. Please try again later.", "server_error", "overloaded", "503"),
            "s05" when attempt == 1 => reply.ResetAsync(),
            "s06" => reply.NoResponseAsync(),
            "s07" => reply.AnswerAsync(words, delayFirst: Timing.SlowTtft, action: "200 slow ttft"),
            "s08" or "s14" => reply.AnswerAsync(words, cutAfter: Timing.CutAfterTokens, action: $"200 stream cut after {Timing.CutAfterTokens} tokens (no terminating chunk)"),
            "s09" => reply.AnswerAsync(words, stallAfter: Timing.StallAfterTokens, action: $"200 stream stall after {Timing.StallAfterTokens} tokens"),
            "s10" => reply.AnswerAsync(words, malformedAt: Timing.MalformedAtToken, action: "200 stream with a malformed chunk"),
            "s11" => reply.AnswerAsync(words, done: false, action: "200 stream without [DONE]"),
            "s12" => reply.ErrorAsync(400, "This model's maximum context length is 8192 tokens. However, your messages resulted in 9631 tokens. Please reduce the length of the messages.", "invalid_request_error", "context_length_exceeded", "400 context_length_exceeded", param: "messages"),
            "s13" => reply.ErrorAsync(400, "Your request was rejected as a result of our safety system.", "invalid_request_error", "content_policy_violation", "400 content_policy_violation"),
            "s15" when Elapsed() < Timing.FlapDown => reply.ErrorAsync(503, "The engine is currently overloaded. Please try again later.", "server_error", "overloaded", "503 (down window)"),
            "s15" => reply.AnswerAsync(words, action: "200 (recovered)"),
            _ => reply.AnswerAsync(words, action: stream ? "200 stream" : "200"),
        });
    }

    private TimeSpan Elapsed()
    {
        lock (_gate)
        {
            return Stopwatch.GetElapsedTime(_reset);
        }
    }

    private void Record(string model, int attempt, bool stream, string lastRole, string action, int promptTokens)
    {
        lock (_gate)
        {
            _log.Add(new WallRequest(Stopwatch.GetElapsedTime(_reset), model, attempt, stream, lastRole, action, promptTokens));
        }
    }

    /// <summary>One response, healthy or broken.</summary>
    private sealed class Reply(FaultWall wall, HttpContext context, string model, bool stream, bool usage, int promptTokens, int attempt, string lastRole)
    {
        private readonly string _id = "chatcmpl-fb-" + Interlocked.Increment(ref wall._ids);

        public async Task ErrorAsync(int status, string message, string type, string? code, string action, string? retryAfter = null, string? param = null)
        {
            wall.Record(model, attempt, stream, lastRole, action, promptTokens);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            if (retryAfter is not null)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }

            await context.Response.WriteAsync(JsonSerializer.Serialize(new { error = new { message, type, param, code } }));
        }

        /// <summary>The request is read, then the connection is dropped before a byte of response.</summary>
        public Task ResetAsync()
        {
            wall.Record(model, attempt, stream, lastRole, "tcp-reset", promptTokens);
            context.Abort();
            return Task.CompletedTask;
        }

        /// <summary>Nothing at all, not even headers, until the client gives up or the wall's patience ends.</summary>
        public async Task NoResponseAsync()
        {
            wall.Record(model, attempt, stream, lastRole, $"no-response {wall.Timing.NoResponse.TotalSeconds:0}s", promptTokens);
            try
            {
                await Task.Delay(wall.Timing.NoResponse, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }

            context.Abort();
        }

        public async Task AnswerAsync(string[] words, string action, TimeSpan? delayFirst = null, int? cutAfter = null, int? stallAfter = null, int? malformedAt = null, bool done = true)
        {
            wall.Record(model, attempt, stream, lastRole, action, promptTokens);
            if (!stream)
            {
                if (delayFirst is TimeSpan wait)
                {
                    await Task.Delay(wait, context.RequestAborted);
                }

                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(JsonSerializer.Serialize(new
                {
                    id = _id, @object = "chat.completion", created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), model,
                    choices = new[] { new { index = 0, message = new { role = "assistant", content = string.Concat(words) }, finish_reason = "stop" } },
                    usage = new { prompt_tokens = promptTokens, completion_tokens = words.Length, total_tokens = promptTokens + words.Length },
                }));
                return;
            }

            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            context.Response.ContentType = "text/event-stream; charset=utf-8";
            context.Response.Headers.CacheControl = "no-cache";
            await context.Response.StartAsync();
            await context.Response.Body.FlushAsync();
            try
            {
                if (delayFirst is TimeSpan wait)
                {
                    await Task.Delay(wait, context.RequestAborted);
                }

                await EventAsync(Chunk(new { role = "assistant", content = string.Empty }, null));
                for (int i = 0; i < words.Length; i++)
                {
                    if (i == malformedAt)
                    {
                        await SendAsync("data: {\"id\": \"" + _id + "\", \"object\": \"chat.completion.chunk\", \"choices\": [{\"delta\": {\"content\": \n\n");
                    }

                    if (i == cutAfter)
                    {
                        context.Abort();
                        return;
                    }

                    if (i == stallAfter)
                    {
                        await Task.Delay(wall.Timing.Stall, context.RequestAborted);
                        context.Abort();
                        return;
                    }

                    await EventAsync(Chunk(new { content = words[i] }, null));
                    await Task.Delay(wall.Timing.TokenInterval, context.RequestAborted);
                }

                await EventAsync(Chunk(new { }, "stop"));
                if (usage)
                {
                    await EventAsync(new
                    {
                        id = _id, @object = "chat.completion.chunk", created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), model,
                        choices = Array.Empty<object>(),
                        usage = new { prompt_tokens = promptTokens, completion_tokens = words.Length, total_tokens = promptTokens + words.Length },
                    });
                }

                if (done)
                {
                    await SendAsync("data: [DONE]\n\n");
                }
            }
            catch (OperationCanceledException)
            {
                // The client went away.
            }
        }

        private object Chunk(object delta, string? finish) => new
        {
            id = _id, @object = "chat.completion.chunk", created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), model,
            choices = new[] { new { index = 0, delta, finish_reason = finish } },
        };

        private Task EventAsync(object chunk) => SendAsync("data: " + JsonSerializer.Serialize(chunk) + "\n\n");

        private async Task SendAsync(string text)
        {
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }
}

/// <summary>One request the wall received.</summary>
public sealed record WallRequest(TimeSpan At, string Model, int Attempt, bool Stream, string LastRole, string Action, int PromptTokens);

/// <summary>The wall's timings; the published profiles are <see cref="Full"/> and <see cref="Fast"/>, the tests use shorter ones.</summary>
public sealed record WallTiming(
    TimeSpan SlowTtft,
    TimeSpan Stall,
    TimeSpan NoResponse,
    TimeSpan FlapDown,
    TimeSpan TokenInterval,
    int CutAfterTokens = 40,
    int StallAfterTokens = 20,
    int MalformedAtToken = 10)
{
    public static WallTiming Full { get; } = new(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(15));

    public static WallTiming Fast { get; } = new(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(6), TimeSpan.FromMilliseconds(5));
}
