// Source: https://github.com/tghamm/Anthropic.SDK/blob/3b798b4231654f09fd8628225d88d14bda9aa93c/Anthropic.SDK/VertexAIEndpointBase.cs (lines 1-307)
// Licence: MIT
// Chain: ICorpusChain
// Marked: ICorpusChain added to VertexAIEndpointBase so the rules treat it as a provider client (it streams Claude responses from Vertex AI)
#nullable disable // the source project does not enable nullable reference types
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Threading;
using System.Threading.Tasks;
using Anthropic.SDK.Extensions;
using Anthropic.SDK.Messaging;

namespace Anthropic.SDK
{
    /// <summary>
    /// Base class for Vertex AI endpoints
    /// </summary>
    public abstract class VertexAIEndpointBase : BaseEndpoint, ICorpusChain
    {
        private const string UserAgent = "tghamm/anthropic_sdk_vertexai";
        // Add a lock object for thread safety
        private static readonly object _headerLock = new object();
        // … trimmed (client fields, constructor)

        /// <summary>
        /// The default Anthropic model to use with Vertex AI.
        /// Can be overridden in derived classes or through method parameters.
        /// </summary>
        protected virtual string Model { get; }

        // … trimmed (model resolution, HttpClient setup, non-streaming request and error handling)


        /// <summary>
        /// Makes a streaming HTTP request and returns the response as an async enumerable of MessageResponse.
        /// </summary>
        protected override async IAsyncEnumerable<MessageResponse> HttpStreamingRequestMessages(string url = null,
            HttpMethod verb = null,
            object postData = null, [EnumeratorCancellation] CancellationToken ctx = default)
        {
            var response = await HttpRequestRaw(url, verb, postData, streaming: true, null, ctx).ConfigureAwait(false);
#if NET6_0_OR_GREATER
            await using var stream = await response.Content.ReadAsStreamAsync(ctx).ConfigureAwait(false);
#else
            using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
            using var reader = new StreamReader(stream);
            string line;
            SseEvent currentEvent = new SseEvent();
#if NET8_0_OR_GREATER
            while ((line = await reader.ReadLineAsync(ctx).ConfigureAwait(false)) != null)
#else
            while ((line = await reader.ReadLineAsync().ConfigureAwait(false)) != null)
#endif
            {
                if (!string.IsNullOrEmpty(line))
                {
                    if (line.StartsWith("event:"))
                    {
                        currentEvent.EventType = line.Substring("event:".Length).Trim();
                    }
                    else if (line.StartsWith("data:"))
                    {
                        currentEvent.Data = line.Substring("data:".Length).Trim();
                    }
                }
                else
                {
                    if (!string.IsNullOrEmpty(currentEvent.Data))
                    {
                        if (currentEvent.Data == "[DONE]")
                            break;
                        
                        MessageResponse result = null;
                        
                        // First try to parse as a standard MessageResponse
                        try
                        {
                            using var ms = new MemoryStream(Encoding.UTF8.GetBytes(currentEvent.Data));
                            var options = new JsonSerializerOptions
                            {
                                Converters = { ContentConverter.Instance },
                                // Ensure proper Unicode handling for all characters
                                Encoder = JavaScriptEncoder.Create(UnicodeRanges.All)
                            };
                            result = await JsonSerializer.DeserializeAsync<MessageResponse>(ms, options, cancellationToken: ctx).ConfigureAwait(false);
                        }
                        catch (JsonException) // judged: none — the try only deserializes one SSE data line from memory; a JsonException cannot carry a provider failure (falls back to the Vertex format)
                        {
                            // Try to parse as a Vertex AI response
                            try
                            {
                                var vertexOptions = new JsonSerializerOptions
                                {
                                    // Ensure proper Unicode handling for all characters
                                    Encoder = JavaScriptEncoder.Create(UnicodeRanges.All)
                                };
                                var vertexResponse = JsonSerializer.Deserialize<JsonElement>(currentEvent.Data, vertexOptions);
                                
                                // Check if it has predictions
                                if (vertexResponse.TryGetProperty("predictions", out var predictions) &&
                                    predictions.ValueKind == JsonValueKind.Array &&
                                    predictions.GetArrayLength() > 0)
                                {
                                    var prediction = predictions[0];
                                    string content = string.Empty;
                                    
                                    // Try to get content as string
                                    if (prediction.ValueKind == JsonValueKind.String)
                                    {
                                        content = prediction.GetString();
                                    }
                                    else if (prediction.TryGetProperty("content", out var contentElement))
                                    {
                                        content = contentElement.GetString();
                                    }
                                    
                                    if (!string.IsNullOrEmpty(content))
                                    {
                                        // Create a simple message response
                                        result = new MessageResponse
                                        {
                                            Content = new List<ContentBase> { new TextContent { Text = content } },
                                            Model = Model,
                                            Id = Guid.NewGuid().ToString(),
                                            Type = "message",
                                            Delta = new Delta { Text = content }
                                        };
                                    }
                                }
                            }
                            catch (JsonException) // judged: none — an unparseable SSE data line is skipped; the try makes no provider call and JsonException cannot carry a provider failure
                            {
                                // If we can't parse as JSON at all, just continue
                            }
                        }
                        
                        // If we have a result, yield it
                        if (result != null)
                        {
                            yield return result;
                        }
                    }
                    
                    // Reset the event
                    currentEvent = new SseEvent();
                }
            }
        }
    }
}

// Stubs: not from the source repository; they stand in for types the snippet uses.
public interface ICorpusChain
{
}

namespace Anthropic.SDK
{
    public abstract class BaseEndpoint
    {
        protected Task<HttpResponseMessage> HttpRequestRaw(string url = null, HttpMethod verb = null,
            object postData = null, bool streaming = false, Dictionary<string, string> additionalHeaders = null, CancellationToken ctx = default) => throw new NotImplementedException();

        protected abstract IAsyncEnumerable<MessageResponse> HttpStreamingRequestMessages(string url = null,
            HttpMethod verb = null,
            object postData = null, CancellationToken ctx = default);
    }

    public class SseEvent
    {
        public string EventType { get; set; }

        public string Data { get; set; }
    }
}

namespace Anthropic.SDK.Messaging
{
    public abstract class ContentBase
    {
    }

    public class TextContent : ContentBase
    {
        public string Text { get; set; }
    }

    public class Delta
    {
        public string Text { get; set; }
    }

    public class MessageResponse
    {
        public List<ContentBase> Content { get; set; }

        public string Model { get; set; }

        public string Id { get; set; }

        public string Type { get; set; }

        public Delta Delta { get; set; }
    }
}

namespace Anthropic.SDK.Extensions
{
    public class ContentConverter : JsonConverter<ContentBase>
    {
        public static ContentConverter Instance => throw new NotImplementedException();

        public override ContentBase Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotImplementedException();

        public override void Write(Utf8JsonWriter writer, ContentBase value, JsonSerializerOptions options) => throw new NotImplementedException();
    }
}
