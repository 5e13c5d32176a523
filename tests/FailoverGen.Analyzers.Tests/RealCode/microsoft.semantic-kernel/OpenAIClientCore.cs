// Source: https://github.com/microsoft/semantic-kernel/blob/b39d95a34435f4c1d55dd00c86120ce118d847e1/dotnet/src/Connectors/Connectors.OpenAI/Core/ClientCore.cs (lines 24-72, 227-261)
// Source: https://github.com/microsoft/semantic-kernel/blob/b39d95a34435f4c1d55dd00c86120ce118d847e1/dotnet/src/Connectors/Connectors.OpenAI/Core/ClientCore.ChatCompletion.cs (lines 30-40, 129-225)
// Source: https://github.com/microsoft/semantic-kernel/blob/b39d95a34435f4c1d55dd00c86120ce118d847e1/dotnet/src/InternalUtilities/openai/Extensions/ClientResultExceptionExtensions.cs (lines 8-39)
// Licence: MIT
// Chain: ICorpusChain
// Marked: ICorpusChain added to ClientCore (the core of OpenAIChatCompletionService and the other OpenAI connector services) so the rules treat it as a provider client
// Note: two parts of the partial ClientCore and the InternalUtilities helper they call are joined: file-scoped namespaces became block namespaces, usings are merged,
// and the remaining ClientCore helpers (request building, usage logging, message conversion) are stubbed in a further partial part. The pragma stands in for the
// project-wide NoWarn of the experimental ids.
#pragma warning disable SKEXP0001, OPENAI001
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.FunctionCalling;
using Microsoft.SemanticKernel.Diagnostics;
using Microsoft.SemanticKernel.Text;
using OpenAI;
using OpenAI.Chat;
using OAIChat = OpenAI.Chat;

namespace Microsoft.SemanticKernel.Connectors.OpenAI
{
/// <summary>
/// Base class for AI clients that provides common functionality for interacting with OpenAI services.
/// </summary>
internal partial class ClientCore : ICorpusChain
{
    /// <summary>
    /// Identifier of the default model to use
    /// </summary>
    protected internal string ModelId { get; init; } = string.Empty;

    /// <summary>
    /// Non-default endpoint for OpenAI API.
    /// </summary>
    protected internal Uri? Endpoint { get; init; }

    /// <summary>
    /// Logger instance
    /// </summary>
    protected internal ILogger? Logger { get; init; }

    /// <summary>
    /// OpenAI Client
    /// </summary>
    protected internal OpenAIClient? Client { get; set; }

    /// <summary>
    /// Storage for AI service attributes.
    /// </summary>
    internal Dictionary<string, object?> Attributes { get; } = [];

    /// <summary>
    /// The function calls processor.
    /// </summary>
    protected FunctionCallsProcessor FunctionCallsProcessor { get; set; }

    /// <summary>
    /// Invokes the specified request and handles exceptions.
    /// </summary>
    /// <typeparam name="T">Type of the response.</typeparam>
    /// <param name="request">Request to invoke.</param>
    /// <returns>Returns the response.</returns>
    protected static async Task<T> RunRequestAsync<T>(Func<Task<T>> request)
    {
        try
        {
            return await request.Invoke().ConfigureAwait(false);
        }
        catch (ClientResultException e) // judged: none — rethrown as the HttpOperationException built by ToHttpOperationException (status, body and the caught exception as inner exception)
        {
            throw e.ToHttpOperationException();
        }
    }

    /// <summary>
    /// Invokes the specified request and handles exceptions.
    /// </summary>
    /// <typeparam name="T">Type of the response.</typeparam>
    /// <param name="request">Request to invoke.</param>
    /// <returns>Returns the response.</returns>
    protected static T RunRequest<T>(Func<T> request)
    {
        try
        {
            return request.Invoke();
        }
        catch (ClientResultException e) // judged: none — rethrown as the HttpOperationException built by ToHttpOperationException (status, body and the caught exception as inner exception)
        {
            throw e.ToHttpOperationException();
        }
    }
}

internal partial class ClientCore
{
    protected const string ModelProvider = "openai";
    protected record ToolCallingConfig(IList<ChatTool>? Tools, ChatToolChoice? Choice, bool AutoInvoke, bool AllowAnyRequestedKernelFunction, FunctionChoiceBehaviorOptions? Options);

    /// <summary>
    /// Generate a new chat message
    /// </summary>
    /// <param name="targetModel">Model identifier</param>
    /// <param name="chatHistory">Chat history</param>
    /// <param name="executionSettings">Execution settings for the completion API.</param>
    /// <param name="kernel">The <see cref="Kernel"/> containing services, plugins, and other state for use throughout the operation.</param>
    /// <param name="cancellationToken">Async cancellation token</param>
    /// <returns>Generated chat message in string format</returns>
    internal async Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(
        string targetModel,
        ChatHistory chatHistory,
        PromptExecutionSettings? executionSettings,
        Kernel? kernel,
        CancellationToken cancellationToken = default)
    {
        Verify.NotNull(chatHistory);

        if (this.Logger!.IsEnabled(LogLevel.Trace))
        {
            this.Logger.LogTrace("ChatHistory: {ChatHistory}, Settings: {Settings}",
                JsonSerializer.Serialize(chatHistory, JsonOptionsCache.ChatHistory),
                JsonSerializer.Serialize(executionSettings));
        }

        // Convert the incoming execution settings to OpenAI settings.
        OpenAIPromptExecutionSettings chatExecutionSettings = this.GetSpecializedExecutionSettings(executionSettings);

        ValidateMaxTokens(chatExecutionSettings.MaxTokens);

        for (int requestIndex = 0; ; requestIndex++)
        {
            var chatForRequest = CreateChatCompletionMessages(chatExecutionSettings, chatHistory);

            var functionCallingConfig = this.GetFunctionCallingConfiguration(kernel, chatExecutionSettings, chatHistory, requestIndex);

            var chatOptions = this.CreateChatCompletionOptions(chatExecutionSettings, chatHistory, functionCallingConfig, kernel);

            // Make the request.
            OAIChat.ChatCompletion? chatCompletion = null;
            OpenAIChatMessageContent chatMessageContent;
            using (var activity = this.StartCompletionActivity(chatHistory, chatExecutionSettings))
            {
                try
                {
                    chatCompletion = (await RunRequestAsync(() => this.Client!.GetChatClient(targetModel).CompleteChatAsync(chatForRequest, chatOptions, cancellationToken)).ConfigureAwait(false)).Value;

                    this.LogUsage(chatCompletion.Usage);
                }
                catch (Exception ex) when (activity is not null) // judged: none — records the error and the partial usage on the activity, then rethrows (`throw;`)
                {
                    activity.SetError(ex);
                    if (chatCompletion != null)
                    {
                        // Capture available metadata even if the operation failed.
                        activity
                            .SetResponseId(chatCompletion.Id)
                            .SetInputTokensUsage(chatCompletion.Usage.InputTokenCount)
                            .SetOutputTokensUsage(chatCompletion.Usage.OutputTokenCount);
                    }

                    throw;
                }

                chatMessageContent = this.CreateChatMessageContent(chatCompletion, targetModel, functionCallingConfig.Options?.RetainArgumentTypes ?? false, chatOptions);
                activity?.SetCompletionResponse([chatMessageContent], chatCompletion.Usage.InputTokenCount, chatCompletion.Usage.OutputTokenCount);
            }

            // If we don't want to attempt to invoke any functions or there is nothing to call, just return the result.
            if (!functionCallingConfig.AutoInvoke || chatCompletion.ToolCalls.Count == 0)
            {
                return [chatMessageContent];
            }

            // Process function calls by invoking the functions and adding the results to the chat history.
            // Each function call will trigger auto-function-invocation filters, which can terminate the process.
            // In such cases, we'll return the last message in the chat history.
            var lastMessage = await this.FunctionCallsProcessor.ProcessFunctionCallsAsync(
                chatMessageContent,
                chatExecutionSettings,
                chatHistory,
                requestIndex,
                (FunctionCallContent content) => IsRequestableTool(chatOptions.Tools, content),
                functionCallingConfig.Options ?? new FunctionChoiceBehaviorOptions(),
                kernel,
                isStreaming: false,
                cancellationToken).ConfigureAwait(false);

            if (lastMessage != null)
            {
                return [lastMessage];
            }

            // Process non-function tool calls.
            this.ProcessNonFunctionToolCalls(chatCompletion.ToolCalls, chatHistory);
        }
    }
}
}

/// <summary>
/// Provides extension methods for the <see cref="ClientResultException"/> class.
/// </summary>
[ExcludeFromCodeCoverage]
internal static class ClientResultExceptionExtensions
{
    /// <summary>
    /// Converts a <see cref="ClientResultException"/> to an <see cref="HttpOperationException"/>.
    /// </summary>
    /// <param name="exception">The original <see cref="ClientResultException"/>.</param>
    /// <returns>An <see cref="HttpOperationException"/> instance.</returns>
    public static HttpOperationException ToHttpOperationException(this ClientResultException exception)
    {
        const int NoResponseReceived = 0;

        string? responseContent = null;

        try
        {
            responseContent = exception.GetRawResponse()?.Content.ToString();
        }
#pragma warning disable CA1031 // Do not catch general exception types
        catch { } // We want to suppress any exceptions that occur while reading the content, ensuring that an HttpOperationException is thrown instead. // judged: none — the try only reads the error body the ClientResultException already holds (no provider call); the exception itself is handed on as the inner exception of the returned HttpOperationException
#pragma warning restore CA1031

        return new HttpOperationException(
            exception.Status == NoResponseReceived ? null : (HttpStatusCode?)exception.Status,
            responseContent,
            exception.Message,
            exception);
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

namespace Microsoft.SemanticKernel.Diagnostics
{
    internal static class ModelDiagnostics
    {
        internal static System.Diagnostics.Activity? StartCompletionActivity<TPromptExecutionSettings>(System.Uri? endpoint, string modelName, string modelProvider, Microsoft.SemanticKernel.ChatCompletion.ChatHistory chatHistory, TPromptExecutionSettings? executionSettings) where TPromptExecutionSettings : Microsoft.SemanticKernel.PromptExecutionSettings => throw new System.NotImplementedException();
        internal static System.Diagnostics.Activity? StartCompletionActivity<TPromptExecutionSettings>(System.Uri? endpoint, string modelName, string modelProvider, string prompt, TPromptExecutionSettings? executionSettings) where TPromptExecutionSettings : Microsoft.SemanticKernel.PromptExecutionSettings => throw new System.NotImplementedException();
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
    internal static class JsonOptionsCache
    {
        public static System.Text.Json.JsonSerializerOptions ChatHistory => throw new System.NotImplementedException();
    }
}

namespace Microsoft.SemanticKernel.Connectors.FunctionCalling
{
    internal sealed class FunctionCallsProcessor
    {
        public System.Threading.Tasks.Task<ChatMessageContent?> ProcessFunctionCallsAsync(ChatMessageContent chatMessageContent, PromptExecutionSettings? executionSettings, Microsoft.SemanticKernel.ChatCompletion.ChatHistory chatHistory, int requestIndex, System.Func<FunctionCallContent, bool> checkIfFunctionAdvertised, FunctionChoiceBehaviorOptions options, Kernel? kernel, bool isStreaming, System.Threading.CancellationToken cancellationToken) => throw new System.NotImplementedException();
    }
}

namespace Microsoft.SemanticKernel.Connectors.OpenAI
{
    public class OpenAIPromptExecutionSettings : PromptExecutionSettings
    {
        public int? MaxTokens { get; set; }
    }

    public sealed class OpenAIChatMessageContent : ChatMessageContent
    {
    }

    internal partial class ClientCore
    {
        protected virtual OpenAIPromptExecutionSettings GetSpecializedExecutionSettings(PromptExecutionSettings? executionSettings) => throw new NotImplementedException();
        protected virtual Activity? StartCompletionActivity(ChatHistory chatHistory, PromptExecutionSettings settings) => throw new NotImplementedException();
        protected virtual ChatCompletionOptions CreateChatCompletionOptions(OpenAIPromptExecutionSettings executionSettings, ChatHistory chatHistory, ToolCallingConfig toolCallingConfig, Kernel? kernel) => throw new NotImplementedException();
        private static bool IsRequestableTool(IList<ChatTool> tools, FunctionCallContent functionCallContent) => throw new NotImplementedException();
        private static List<ChatMessage> CreateChatCompletionMessages(OpenAIPromptExecutionSettings executionSettings, ChatHistory chatHistory) => throw new NotImplementedException();
        private OpenAIChatMessageContent CreateChatMessageContent(OAIChat.ChatCompletion completion, string targetModel, bool retainArgumentTypes, OAIChat.ChatCompletionOptions options) => throw new NotImplementedException();
        private static void ValidateMaxTokens(int? maxTokens) => throw new NotImplementedException();
        private void LogUsage(ChatTokenUsage usage) => throw new NotImplementedException();
        private ToolCallingConfig GetFunctionCallingConfiguration(Kernel? kernel, OpenAIPromptExecutionSettings executionSettings, ChatHistory chatHistory, int requestIndex) => throw new NotImplementedException();
        private void ProcessNonFunctionToolCalls(IEnumerable<ChatToolCall> toolCalls, ChatHistory chatHistory) => throw new NotImplementedException();
    }
}
