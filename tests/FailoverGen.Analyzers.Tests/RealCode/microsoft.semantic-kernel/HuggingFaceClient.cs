// Source: https://github.com/microsoft/semantic-kernel/blob/b39d95a34435f4c1d55dd00c86120ce118d847e1/dotnet/src/Connectors/Connectors.HuggingFace/Core/HuggingFaceClient.cs (lines 1-276)
// Licence: MIT
// Chain: ICorpusChain
// Marked: ICorpusChain added to HuggingFaceClient so the rules treat it as a provider client (HuggingFaceTextGenerationService delegates to it)
// Note: the file-scoped namespace became a block namespace; the image-to-text overload (lines 261-262) and the embeddings and image-to-text regions (no catch) are dropped.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel.Diagnostics;
using Microsoft.SemanticKernel.Http;
using Microsoft.SemanticKernel.Text;

namespace Microsoft.SemanticKernel.Connectors.HuggingFace.Core
{
internal sealed class HuggingFaceClient : ICorpusChain
{
    private readonly HttpClient _httpClient;

    internal string ModelProvider => "huggingface";
    internal string? ModelId { get; }
    internal string? ApiKey { get; }
    internal Uri Endpoint { get; }
    internal string Separator { get; }
    internal ILogger Logger { get; }

    internal HuggingFaceClient(
        HttpClient httpClient,
        string? modelId = null,
        Uri? endpoint = null,
        string? apiKey = null,
        ILogger? logger = null)
    {
        Verify.NotNull(httpClient);

        endpoint ??= httpClient.BaseAddress;
        if (string.IsNullOrWhiteSpace(modelId) && endpoint is null)
        {
            throw new InvalidOperationException("A valid model id or endpoint must be provided.");
        }

        endpoint ??= new Uri("https://api-inference.huggingface.co");
        this.Separator = endpoint.AbsolutePath.EndsWith("/", StringComparison.InvariantCulture) ? string.Empty : "/";
        this.Endpoint = endpoint;
        this.ModelId = modelId;
        this.ApiKey = apiKey;
        this._httpClient = httpClient;
        this.Logger = logger ?? NullLogger.Instance;
    }

    #region ClientCore
    internal static void ValidateMaxTokens(int? maxTokens)
    {
        if (maxTokens is < 1)
        {
            throw new ArgumentException($"MaxTokens {maxTokens} is not valid, the value must be greater than zero");
        }
    }

    internal static void ValidateMaxNewTokens(int? maxNewTokens)
    {
        if (maxNewTokens is < 0)
        {
            throw new ArgumentException($"MaxNewTokens {maxNewTokens} is not valid, the value must be greater than or equal to zero");
        }
    }

    internal async Task<string> SendRequestAndGetStringBodyAsync(
        HttpRequestMessage httpRequestMessage,
        CancellationToken cancellationToken)
    {
        using var response = await this._httpClient.SendWithSuccessCheckAsync(httpRequestMessage, cancellationToken)
            .ConfigureAwait(false);

        var body = await response.Content.ReadAsStringWithExceptionMappingAsync(cancellationToken)
            .ConfigureAwait(false);

        return body;
    }

    internal async Task<HttpResponseMessage> SendRequestAndGetResponseImmediatelyAfterHeadersReadAsync(
        HttpRequestMessage httpRequestMessage,
        CancellationToken cancellationToken)
    {
        var response = await this._httpClient.SendWithSuccessCheckAsync(httpRequestMessage, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .ConfigureAwait(false);
        return response;
    }

    internal static T DeserializeResponse<T>(string body)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body) ??
                throw new JsonException("Response is null");
        }
        catch (JsonException exc) // judged: none — JsonException only (deserialising the body already received), rethrown as KernelException with it as inner exception
        {
            throw new KernelException("Unexpected response from model", exc)
            {
                Data = { { "ResponseData", body } },
            };
        }
    }

    internal void SetRequestHeaders(HttpRequestMessage request)
    {
        request.Headers.Add("User-Agent", HttpHeaderConstant.Values.UserAgent);
        request.Headers.Add(HttpHeaderConstant.Names.SemanticKernelVersion, HttpHeaderConstant.Values.GetAssemblyVersion(this.GetType()));
        if (!string.IsNullOrEmpty(this.ApiKey))
        {
            request.Headers.Add("Authorization", $"Bearer {this.ApiKey}");
        }
    }

    internal HttpRequestMessage CreatePost(object requestData, Uri endpoint, string? apiKey)
    {
        var httpRequestMessage = HttpRequest.CreatePostRequest(endpoint, requestData);
        this.SetRequestHeaders(httpRequestMessage);

        return httpRequestMessage;
    }

    #endregion

    #region Text Generation

    public async Task<IReadOnlyList<TextContent>> GenerateTextAsync(
        string prompt,
        PromptExecutionSettings? executionSettings,
        CancellationToken cancellationToken)
    {
        string? modelId = executionSettings?.ModelId ?? this.ModelId;
        var endpoint = this.GetTextGenerationEndpoint(modelId);

        var huggingFaceExecutionSettings = HuggingFacePromptExecutionSettings.FromExecutionSettings(executionSettings);
        var request = this.CreateTextRequest(prompt, huggingFaceExecutionSettings);

        using var activity = ModelDiagnostics.StartCompletionActivity(endpoint, modelId ?? string.Empty, this.ModelProvider, prompt, huggingFaceExecutionSettings);
        using var httpRequestMessage = this.CreatePost(request, endpoint, this.ApiKey);

        TextGenerationResponse response;
        try
        {
            string body = await this.SendRequestAndGetStringBodyAsync(httpRequestMessage, cancellationToken)
                .ConfigureAwait(false);

            response = DeserializeResponse<TextGenerationResponse>(body);
        }
        catch (Exception ex) when (activity is not null) // judged: none — records the error on the activity and rethrows (`throw;`)
        {
            activity.SetError(ex);
            throw;
        }

        var textContents = GetTextContentsFromResponse(response, modelId);

        activity?.SetCompletionResponse(textContents);
        this.LogTextGenerationUsage(huggingFaceExecutionSettings);

        return textContents;
    }

    public async IAsyncEnumerable<StreamingTextContent> StreamGenerateTextAsync(
        string prompt,
        PromptExecutionSettings? executionSettings,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? modelId = executionSettings?.ModelId ?? this.ModelId;
        var endpoint = this.GetTextGenerationEndpoint(modelId);

        var huggingFaceExecutionSettings = HuggingFacePromptExecutionSettings.FromExecutionSettings(executionSettings);
        var request = this.CreateTextRequest(prompt, huggingFaceExecutionSettings);
        request.Stream = true;

        using var activity = ModelDiagnostics.StartCompletionActivity(endpoint, modelId ?? string.Empty, this.ModelProvider, prompt, huggingFaceExecutionSettings);
        HttpResponseMessage? httpResponseMessage = null;
        Stream? responseStream = null;
        try
        {
            using var httpRequestMessage = this.CreatePost(request, endpoint, this.ApiKey);
            httpResponseMessage = await this.SendRequestAndGetResponseImmediatelyAfterHeadersReadAsync(httpRequestMessage, cancellationToken).ConfigureAwait(false);
            responseStream = await httpResponseMessage.Content.ReadAsStreamAndTranslateExceptionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) // judged: none — disposes the response and rethrows (`throw;`)
        {
            activity?.SetError(ex);
            httpResponseMessage?.Dispose();
            responseStream?.Dispose();
            throw;
        }

        var responseEnumerator = this.ProcessTextResponseStreamAsync(responseStream, modelId, cancellationToken)
            .GetAsyncEnumerator(cancellationToken);
        List<StreamingTextContent>? streamedContents = activity is not null ? [] : null;
        try
        {
            while (true)
            {
                try
                {
                    if (!await responseEnumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (Exception ex) when (activity is not null) // judged: none — records the error on the activity and rethrows (`throw;`)
                {
                    activity.SetError(ex);
                    throw;
                }

                streamedContents?.Add(responseEnumerator.Current);
                yield return responseEnumerator.Current;
            }
        }
        finally
        {
            activity?.EndStreaming(streamedContents);
            httpResponseMessage?.Dispose();
            responseStream?.Dispose();
            await responseEnumerator.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async IAsyncEnumerable<StreamingTextContent> ProcessTextResponseStreamAsync(Stream stream, string? modelId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var content in this.ParseTextResponseStreamAsync(stream, cancellationToken).ConfigureAwait(false))
        {
            yield return GetStreamingTextContentFromStreamResponse(content, modelId);
        }
    }

    private IAsyncEnumerable<TextGenerationStreamResponse> ParseTextResponseStreamAsync(Stream responseStream, CancellationToken cancellationToken)
        => SseJsonParser.ParseAsync<TextGenerationStreamResponse>(responseStream, cancellationToken);

    private static StreamingTextContent GetStreamingTextContentFromStreamResponse(TextGenerationStreamResponse response, string? modelId)
        => new(
            text: response.Token?.Text,
            modelId: modelId,
            innerContent: response,
            metadata: new HuggingFaceTextGenerationStreamMetadata(response));

    private TextGenerationRequest CreateTextRequest(
        string prompt,
        HuggingFacePromptExecutionSettings huggingFaceExecutionSettings)
    {
        ValidateMaxNewTokens(huggingFaceExecutionSettings.MaxNewTokens);
        var request = TextGenerationRequest.FromPromptAndExecutionSettings(prompt, huggingFaceExecutionSettings);
        return request;
    }

    private static List<TextContent> GetTextContentsFromResponse(TextGenerationResponse response, string? modelId)
        => response.Select(r => new TextContent(r.GeneratedText, modelId, r, Encoding.UTF8, new HuggingFaceTextGenerationMetadata(response))).ToList();

    private void LogTextGenerationUsage(HuggingFacePromptExecutionSettings executionSettings)
    {
        if (this.Logger.IsEnabled(LogLevel.Debug))
        {
            this.Logger.LogDebug(
                "HuggingFace text generation usage: ModelId: {ModelId}",
                executionSettings.ModelId ?? this.ModelId);
        }
    }
    private Uri GetTextGenerationEndpoint(string? modelId)
        => string.IsNullOrWhiteSpace(modelId) ? this.Endpoint : new($"{this.Endpoint}{this.Separator}models/{modelId}");

    #endregion
}
}

// Stubs: not from the source repository; they stand in for types the snippet uses.
public interface ICorpusChain
{
}

namespace Microsoft.SemanticKernel
{
    internal static class Verify
    {
        internal static void NotNull([System.Diagnostics.CodeAnalysis.NotNull] object? obj, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(obj))] string? paramName = null) => throw new System.NotImplementedException();
        internal static void NotNullOrWhiteSpace([System.Diagnostics.CodeAnalysis.NotNull] string? str, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(str))] string? paramName = null) => throw new System.NotImplementedException();
    }
}

namespace Microsoft.SemanticKernel.Http
{
    internal static class HttpClientExtensions
    {
        internal static System.Threading.Tasks.Task<System.Net.Http.HttpResponseMessage> SendWithSuccessCheckAsync(this System.Net.Http.HttpClient client, System.Net.Http.HttpRequestMessage request, System.Net.Http.HttpCompletionOption completionOption, System.Threading.CancellationToken cancellationToken) => throw new System.NotImplementedException();
        internal static System.Threading.Tasks.Task<System.Net.Http.HttpResponseMessage> SendWithSuccessCheckAsync(this System.Net.Http.HttpClient client, System.Net.Http.HttpRequestMessage request, System.Threading.CancellationToken cancellationToken) => throw new System.NotImplementedException();
    }

    internal static class HttpContentExtensions
    {
        public static System.Threading.Tasks.Task<string> ReadAsStringWithExceptionMappingAsync(this System.Net.Http.HttpContent httpContent, System.Threading.CancellationToken cancellationToken = default) => throw new System.NotImplementedException();
        public static System.Threading.Tasks.Task<System.IO.Stream> ReadAsStreamAndTranslateExceptionAsync(this System.Net.Http.HttpContent httpContent, System.Threading.CancellationToken cancellationToken = default) => throw new System.NotImplementedException();
    }
}

namespace Microsoft.SemanticKernel.Http
{
    internal static class HttpRequest
    {
        public static System.Net.Http.HttpRequestMessage CreatePostRequest(System.Uri url, object? payload = null) => throw new System.NotImplementedException();
    }

    internal static class HttpHeaderConstant
    {
        public static class Names
        {
            public const string SemanticKernelVersion = "Semantic-Kernel-Version";
        }

        public static class Values
        {
            public const string UserAgent = "Semantic-Kernel";
            public static string GetAssemblyVersion(System.Type type) => throw new System.NotImplementedException();
        }
    }
}

namespace Microsoft.SemanticKernel.Diagnostics
{
    internal static class ModelDiagnostics
    {
        internal static System.Diagnostics.Activity? StartCompletionActivity<TPromptExecutionSettings>(System.Uri? endpoint, string modelName, string modelProvider, string prompt, TPromptExecutionSettings? executionSettings) where TPromptExecutionSettings : Microsoft.SemanticKernel.PromptExecutionSettings => throw new System.NotImplementedException();
        internal static System.Diagnostics.Activity? StartCompletionActivity<TPromptExecutionSettings>(System.Uri? endpoint, string modelName, string modelProvider, Microsoft.SemanticKernel.ChatCompletion.ChatHistory chatHistory, TPromptExecutionSettings? executionSettings) where TPromptExecutionSettings : Microsoft.SemanticKernel.PromptExecutionSettings => throw new System.NotImplementedException();
        internal static System.Diagnostics.Activity SetResponseId(this System.Diagnostics.Activity activity, string responseId) => throw new System.NotImplementedException();
        internal static System.Diagnostics.Activity SetInputTokensUsage(this System.Diagnostics.Activity activity, int inputTokens) => throw new System.NotImplementedException();
        internal static System.Diagnostics.Activity SetOutputTokensUsage(this System.Diagnostics.Activity activity, int outputTokens) => throw new System.NotImplementedException();
        internal static void SetCompletionResponse(this System.Diagnostics.Activity activity, System.Collections.Generic.IEnumerable<Microsoft.SemanticKernel.TextContent> completions, int? promptTokens = null, int? completionTokens = null) => throw new System.NotImplementedException();
        internal static void SetCompletionResponse(this System.Diagnostics.Activity activity, System.Collections.Generic.IEnumerable<Microsoft.SemanticKernel.ChatMessageContent> completions, int? promptTokens = null, int? completionTokens = null) => throw new System.NotImplementedException();
        internal static void EndStreaming(this System.Diagnostics.Activity activity, System.Collections.Generic.IEnumerable<Microsoft.SemanticKernel.StreamingKernelContent>? contents, System.Collections.Generic.IEnumerable<Microsoft.SemanticKernel.FunctionCallContent>? toolCalls = null, int? promptTokens = null, int? completionTokens = null) => throw new System.NotImplementedException();
    }

    internal static class ActivityExtensions
    {
        public static System.Diagnostics.Activity SetError(this System.Diagnostics.Activity activity, System.Exception exception) => throw new System.NotImplementedException();
    }
}

namespace Microsoft.SemanticKernel.Text
{
    internal static class SseJsonParser
    {
        internal static System.Collections.Generic.IAsyncEnumerable<T> ParseAsync<T>(System.IO.Stream stream, System.Threading.CancellationToken cancellationToken) => throw new System.NotImplementedException();
    }
}

namespace Microsoft.SemanticKernel.Connectors.HuggingFace
{
    public sealed class HuggingFacePromptExecutionSettings : PromptExecutionSettings
    {
        public int? MaxNewTokens { get; set; }
        public static HuggingFacePromptExecutionSettings FromExecutionSettings(PromptExecutionSettings? executionSettings) => throw new System.NotImplementedException();
    }
}

namespace Microsoft.SemanticKernel.Connectors.HuggingFace.Core
{
    internal sealed class TextGenerationRequest
    {
        public bool Stream { get; set; }
        internal static TextGenerationRequest FromPromptAndExecutionSettings(string prompt, HuggingFacePromptExecutionSettings executionSettings) => throw new NotImplementedException();
    }

    internal sealed class GeneratedTextItem
    {
        public string? GeneratedText { get; set; }
    }

    internal sealed class TextGenerationResponse : List<GeneratedTextItem>
    {
    }

    internal sealed class TextToken
    {
        public string? Text { get; set; }
    }

    internal sealed class TextGenerationStreamResponse
    {
        public TextToken? Token { get; set; }
    }

    internal sealed class HuggingFaceTextGenerationMetadata : System.Collections.ObjectModel.ReadOnlyDictionary<string, object?>
    {
        internal HuggingFaceTextGenerationMetadata(TextGenerationResponse response) : base(new Dictionary<string, object?>()) { }
    }

    internal sealed class HuggingFaceTextGenerationStreamMetadata : System.Collections.ObjectModel.ReadOnlyDictionary<string, object?>
    {
        internal HuggingFaceTextGenerationStreamMetadata(TextGenerationStreamResponse response) : base(new Dictionary<string, object?>()) { }
    }
}
