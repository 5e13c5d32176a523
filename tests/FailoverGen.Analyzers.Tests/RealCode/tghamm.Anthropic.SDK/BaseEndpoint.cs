// Source: https://github.com/tghamm/Anthropic.SDK/blob/3b798b4231654f09fd8628225d88d14bda9aa93c/Anthropic.SDK/BaseEndpoint.cs (lines 1-257)
// Licence: MIT
// Chain: ICorpusChain
// Marked: ICorpusChain added to BaseEndpoint so the rules treat it as a provider client (every Anthropic endpoint derives from it)
#nullable disable // the source project does not enable nullable reference types
using Anthropic.SDK.Extensions;
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Threading;
using System.Threading.Tasks;
using Anthropic.SDK.Messaging;
using System.Linq;

namespace Anthropic.SDK
{
    /// <summary>
    /// Base class for all API endpoints with common HTTP functionality
    /// </summary>
    public abstract class BaseEndpoint : ICorpusChain
    {
        /// <summary>
        /// Gets the URL of the endpoint.
        /// </summary>
        protected abstract string Url { get; }

        /// <summary>
        /// Gets an HTTPClient with the appropriate authorization and other headers set.
        /// </summary>
        protected abstract HttpClient GetClient();

        /// <summary>
        /// Gets the optional request interceptor for adding custom logic to HTTP requests.
        /// </summary>
        protected abstract IRequestInterceptor GetRequestInterceptor();

        // … trimmed (ReadResponseContentAsync, HttpRequestMessages, GetRateLimits, HttpRequestSimple)

        ///// <summary>
        ///// Makes a raw HTTP request and returns the response.
        ///// </summary>
        //protected async Task<HttpResponseMessage> HttpRequestRaw(string url = null, HttpMethod verb = null,
        //    object postData = null, bool streaming = false, CancellationToken ctx = default)
        //{
        //    return await HttpRequestRaw(url, verb, postData, streaming, null, ctx).ConfigureAwait(false);
        //}

        /// <summary>
        /// Makes a raw HTTP request and returns the response with additional headers.
        /// </summary>
        protected async Task<HttpResponseMessage> HttpRequestRaw(string url = null, HttpMethod verb = null,
            object postData = null, bool streaming = false, Dictionary<string, string> additionalHeaders = null, CancellationToken ctx = default)
        {
            if (string.IsNullOrEmpty(url))
                url = this.Url;

            HttpResponseMessage response;
            string resultAsString = null;
            using var req = new HttpRequestMessage(verb, url);

            // Add additional headers if provided
            if (additionalHeaders != null)
            {
                foreach (var header in additionalHeaders)
                {
                    req.Headers.Add(header.Key, header.Value);
                }
            }

            if (postData != null)
            {
                if (postData is HttpContent content)
                {
                    req.Content = content;
                }
                else
                {
                    var options = new JsonSerializerOptions
                    {
                        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
                        Converters = { ContentConverter.Instance },
                        // Ensure proper Unicode handling for all characters
                        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
#if DEBUG
                        WriteIndented = true,
#endif
                    };
                    string jsonContent = JsonSerializer.Serialize(postData, options);
                    req.Content = new StringContent(jsonContent, Encoding.UTF8, "application/json");
                }
            }

            // Use interceptor if provided, otherwise make direct HTTP call
            var interceptor = GetRequestInterceptor();
            if (interceptor != null)
            {
                response = await interceptor.InvokeAsync(
                    req,
                    (request, ct) => GetClient().SendAsync(
                        request,
                        streaming ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead,
                        ct),
                    ctx)
                    .ConfigureAwait(false);
            }
            else
            {
                // Default path - no interception
                response = await GetClient().SendAsync(
                    req,
                    streaming ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead,
                    ctx)
                    .ConfigureAwait(false);
            }

            if (response.IsSuccessStatusCode)
            {
                return response;
            }
            else
            {
                try
                {
#if NET6_0_OR_GREATER
                    resultAsString = await response.Content.ReadAsStringAsync(ctx).ConfigureAwait(false);
#else
                        resultAsString = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
#endif
                }
                catch (Exception e) // judged: none — a failure reading the error body is folded into the error text, and `throw await HandleErrorResponseAsync(...)` follows right after the try
                {
                    resultAsString =
                        "Additionally, the following error was thrown when attempting to read the response content: " +
                        e.ToString();
                }

                throw await HandleErrorResponseAsync(response, resultAsString, url);
            }
        }

        /// <summary>
        /// Handles error responses from the API.
        /// </summary>
        protected abstract Task<Exception> HandleErrorResponseAsync(HttpResponseMessage response, string resultAsString, string url);

        /// <summary>
        /// Makes a streaming HTTP request and returns the response as an async enumerable of the specified type.
        /// </summary>
        protected abstract IAsyncEnumerable<MessageResponse> HttpStreamingRequestMessages(string url = null,
            HttpMethod verb = null,
            object postData = null, CancellationToken ctx = default);
    }
}

// Stubs: not from the source repository; they stand in for types the snippet uses.
public interface ICorpusChain
{
}

namespace Anthropic.SDK
{
    public interface IRequestInterceptor
    {
        Task<HttpResponseMessage> InvokeAsync(
            HttpRequestMessage request,
            Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> next,
            CancellationToken cancellationToken = default);
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
