using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Gateway;

/// <summary>The parts of an OpenAI chat completion request the gateway passes on, read with JsonDocument.</summary>
public sealed class ChatRequest
{
    private ChatRequest(string model, string? fallbackModel, List<ChatMessage> messages, bool stream, bool includeUsage, ChatOptions options)
    {
        Model = model;
        FallbackModel = fallbackModel;
        Messages = messages;
        Stream = stream;
        IncludeUsage = includeUsage;
        Options = options;
    }

    public string Model { get; }

    /// <summary>The body's <c>fallback_model</c>, an extension: the model to fail over to for this request.</summary>
    public string? FallbackModel { get; }

    public IReadOnlyList<ChatMessage> Messages { get; }

    public bool Stream { get; }

    /// <summary><c>stream_options.include_usage</c>: a last chunk with the usage, as OpenAI sends it.</summary>
    public bool IncludeUsage { get; }

    public ChatOptions Options { get; }

    /// <exception cref="InvalidDataException">A required field is missing or of the wrong kind; the message names it.</exception>
    public static async Task<ChatRequest> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        using JsonDocument document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException("the body must be a JSON object");
        }

        string model = root.TryGetProperty("model", out JsonElement m) && m.ValueKind == JsonValueKind.String && m.GetString() is { Length: > 0 } name
            ? name
            : throw new InvalidDataException("\"model\" is missing");
        if (!root.TryGetProperty("messages", out JsonElement list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            throw new InvalidDataException("\"messages\" must be a non-empty array");
        }

        var messages = new List<ChatMessage>();
        foreach (JsonElement message in list.EnumerateArray())
        {
            string role = message.TryGetProperty("role", out JsonElement r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : throw new InvalidDataException("a message has no \"role\"");
            messages.Add(new ChatMessage(new ChatRole(role), Text(message)));
        }

        // No ModelId: each client asks for its own model, which is how the fallback serves another one.
        var options = new ChatOptions();
        if (root.TryGetProperty("max_tokens", out JsonElement max) && max.TryGetInt32(out int tokens))
        {
            options.MaxOutputTokens = tokens;
        }

        if (root.TryGetProperty("temperature", out JsonElement temperature) && temperature.TryGetSingle(out float t))
        {
            options.Temperature = t;
        }

        bool stream = root.TryGetProperty("stream", out JsonElement s) && s.ValueKind == JsonValueKind.True;
        bool usage = root.TryGetProperty("stream_options", out JsonElement so) && so.ValueKind == JsonValueKind.Object
            && so.TryGetProperty("include_usage", out JsonElement u) && u.ValueKind == JsonValueKind.True;
        string? fallback = root.TryGetProperty("fallback_model", out JsonElement f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        return new ChatRequest(model, fallback, messages, stream, usage, options);
    }

    /// <summary>A message's text: a string, or the text parts of a content array.</summary>
    private static string Text(JsonElement message)
    {
        if (!message.TryGetProperty("content", out JsonElement content))
        {
            return string.Empty;
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString() ?? string.Empty;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return string.Empty;
        }

        var text = new System.Text.StringBuilder();
        foreach (JsonElement part in content.EnumerateArray())
        {
            if (part.TryGetProperty("text", out JsonElement value) && value.ValueKind == JsonValueKind.String)
            {
                text.Append(value.GetString());
            }
        }

        return text.ToString();
    }
}
