// Source: https://github.com/microsoft/semantic-kernel/blob/b39d95a34435f4c1d55dd00c86120ce118d847e1/dotnet/src/Connectors/Connectors.MistralAI/Client/MistralClient.cs (lines 1-513, 572-602, 817-846, 870-884, 921-997, 1091-1092)
// Licence: MIT
// Chain: ICorpusChain
// Marked: ICorpusChain added to MistralClient so the rules treat it as a provider client (MistralAIChatCompletionService delegates to it)
// Note: the file-scoped namespace became a block namespace and the class is made partial so that its trimmed helpers (request building, message conversion,
// usage logging, the auto-invocation filter pipeline) can be stubbed. AutoFunctionInvocationContext is stubbed in the client namespace because the real one
// (SK Abstractions) derives from Microsoft.Extensions.AI.FunctionInvocationContext, which lives in Microsoft.Extensions.AI.dll, not among the references.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Diagnostics;
using Microsoft.SemanticKernel.Http;
using Microsoft.SemanticKernel.Text;

namespace Microsoft.SemanticKernel.Connectors.MistralAI.Client
{
/// <summary>
/// The Mistral client.
/// </summary>
internal sealed partial class MistralClient : ICorpusChain
{
    internal MistralClient(
        string modelId,
        HttpClient httpClient,
        string apiKey,
        Uri? endpoint = null,
        ILogger? logger = null)
    {
        Verify.NotNullOrWhiteSpace(modelId);
        Verify.NotNullOrWhiteSpace(apiKey);
        Verify.NotNull(httpClient);

        this._endpoint = endpoint;
        this._modelId = modelId;
        this._apiKey = apiKey;
        this._httpClient = httpClient;
        this._logger = logger ?? NullLogger.Instance;
        this._streamJsonParser = new StreamJsonParser();
    }

    internal async Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(ChatHistory chatHistory, CancellationToken cancellationToken, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null)
    {
        this.ValidateChatHistory(chatHistory);

        string modelId = executionSettings?.ModelId ?? this._modelId;
        var mistralExecutionSettings = MistralAIPromptExecutionSettings.FromExecutionSettings(executionSettings);
        var endpoint = this.GetEndpoint(mistralExecutionSettings, path: "chat/completions");
        var autoInvoke = kernel is not null && mistralExecutionSettings.ToolCallBehavior?.MaximumAutoInvokeAttempts > 0 && s_inflightAutoInvokes.Value < MaxInflightAutoInvokes;

        for (int requestIndex = 1; ; requestIndex++)
        {
            var chatRequest = this.CreateChatCompletionRequest(modelId, stream: false, chatHistory, mistralExecutionSettings, kernel);

            ChatCompletionResponse? responseData = null;
            List<ChatMessageContent> responseContent;
            using (var activity = ModelDiagnostics.StartCompletionActivity(this._endpoint, this._modelId, ModelProvider, chatHistory, mistralExecutionSettings))
            {
                try
                {
                    using var httpRequestMessage = this.CreatePost(chatRequest, endpoint, this._apiKey, stream: false);
                    responseData = await this.SendRequestAsync<ChatCompletionResponse>(httpRequestMessage, cancellationToken).ConfigureAwait(false);
                    this.LogUsage(responseData?.Usage);
                    if (responseData is null || responseData.Choices is null || responseData.Choices.Count == 0)
                    {
                        throw new KernelException("Chat completions not found");
                    }
                }
                catch (Exception ex) when (activity is not null) // judged: none — records the error and the partial usage on the activity, then rethrows (`throw;`)
                {
                    activity.SetError(ex);

                    // Capture available metadata even if the operation failed.
                    if (responseData is not null)
                    {
                        if (responseData.Id is string id)
                        {
                            activity.SetResponseId(id);
                        }

                        if (responseData.Usage is MistralUsage usage)
                        {
                            if (usage.PromptTokens is int promptTokens)
                            {
                                activity.SetInputTokensUsage(promptTokens);
                            }
                            if (usage.CompletionTokens is int completionTokens)
                            {
                                activity.SetOutputTokensUsage(completionTokens);
                            }
                        }
                    }

                    throw;
                }

                responseContent = this.ToChatMessageContent(modelId, responseData);
                activity?.SetCompletionResponse(responseContent, responseData.Usage?.PromptTokens, responseData.Usage?.CompletionTokens);
            }

            // If we don't want to attempt to invoke any functions, just return the result.
            // Or if we are auto-invoking but we somehow end up with other than 1 choice even though only 1 was requested, similarly bail.
            if (!autoInvoke || responseData.Choices.Count != 1)
            {
                return responseContent;
            }

            // Get our single result and extract the function call information. If this isn't a function call, or if it is
            // but we're unable to find the function or extract the relevant information, just return the single result.
            // Note that we don't check the FinishReason and instead check whether there are any tool calls, as the service
            // may return a FinishReason of "stop" even if there are tool calls to be made, in particular if a required tool
            // is specified.
            MistralChatChoice chatChoice = responseData.Choices[0]; // TODO Handle multiple choices
            if (!chatChoice.IsToolCall)
            {
                return responseContent;
            }

            if (this._logger.IsEnabled(LogLevel.Debug))
            {
                this._logger.LogDebug("Tool requests: {Requests}", chatChoice.ToolCallCount);
            }
            if (this._logger.IsEnabled(LogLevel.Trace))
            {
                this._logger.LogTrace("Function call requests: {Requests}", string.Join(", ", chatChoice.ToolCalls!.Select(tc => $"{tc.Function?.Name}({tc.Function?.Parameters})")));
            }

            Debug.Assert(kernel is not null);

            // Add the result message to the caller's chat history;
            // this is required for the service to understand the tool call responses.
            var chatMessageContent = this.ToChatMessageContent(modelId, responseData, chatChoice);
            chatHistory.Add(chatMessageContent);

            // We must send back a response for every tool call, regardless of whether we successfully executed it or not.
            // If we successfully execute it, we'll add the result. If we don't, we'll add an error.
            for (int toolCallIndex = 0; toolCallIndex < chatChoice.ToolCallCount; toolCallIndex++)
            {
                var toolCall = chatChoice.ToolCalls![toolCallIndex];

                // We currently only know about function tool calls. If it's anything else, we'll respond with an error.
                if (toolCall.Function is null)
                {
                    this.AddResponseMessage(chatHistory, toolCall, result: null, "Error: Tool call was not a function call.");
                    continue;
                }

                // Make sure the requested function is one we requested. If we're permitting any kernel function to be invoked,
                // then we don't need to check this, as it'll be handled when we look up the function in the kernel to be able
                // to invoke it. If we're permitting only a specific list of functions, though, then we need to explicitly check.
                if (mistralExecutionSettings.ToolCallBehavior?.AllowAnyRequestedKernelFunction is not true &&
                    !IsRequestableTool(chatRequest, toolCall.Function!))
                {
                    this.AddResponseMessage(chatHistory, toolCall, result: null, "Error: Function call chatRequest for a function that wasn't defined.");
                    continue;
                }

                // Find the function in the kernel and populate the arguments.
                if (!kernel!.Plugins.TryGetFunctionAndArguments(toolCall.Function, out KernelFunction? function, out KernelArguments? functionArgs))
                {
                    this.AddResponseMessage(chatHistory, toolCall, result: null, "Error: Requested function could not be found.");
                    continue;
                }

                // Now, invoke the function, and add the resulting tool call message to the chat options.
                FunctionResult functionResult = new(function) { Culture = kernel.Culture };
                AutoFunctionInvocationContext invocationContext = new(kernel, function, functionResult, chatHistory, chatMessageContent)
                {
                    ToolCallId = toolCall.Id,
                    Arguments = functionArgs,
                    RequestSequenceIndex = requestIndex - 1,
                    FunctionSequenceIndex = toolCallIndex,
                    FunctionCount = chatChoice.ToolCalls.Count,
                    CancellationToken = cancellationToken,
                    IsStreaming = false
                };
                s_inflightAutoInvokes.Value++;
                try
                {
                    invocationContext = await OnAutoFunctionInvocationAsync(kernel, invocationContext, async (context) =>
                    {
                        // Check if filter requested termination.
                        if (context.Terminate)
                        {
                            return;
                        }

                        // Note that we explicitly do not use executionSettings here; those pertain to the all-up operation and not necessarily to any
                        // further calls made as part of this function invocation. In particular, we must not use function calling settings naively here,
                        // as the called function could in turn telling the model about itself as a possible candidate for invocation.
                        context.Result = await function.InvokeAsync(kernel, invocationContext.Arguments, cancellationToken: cancellationToken).ConfigureAwait(false);
                    }).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // Do not catch general exception types
                catch (Exception e) // judged: none — isolation of a kernel function (tool) invocation: the error text becomes the tool result sent back to the model; no provider call of this client is inside
#pragma warning restore CA1031
                {
                    this.AddResponseMessage(chatHistory, toolCall, result: null, $"Error: Exception while invoking function. {e.Message}");
                    continue;
                }
                finally
                {
                    s_inflightAutoInvokes.Value--;
                }

                // Apply any changes from the auto function invocation filters context to final result.
                functionResult = invocationContext.Result;

                object functionResultValue = functionResult.GetValue<object>() ?? string.Empty;
                var stringResult = ProcessFunctionResult(functionResultValue, mistralExecutionSettings.ToolCallBehavior);

                this.AddResponseMessage(chatHistory, toolCall, result: stringResult, errorMessage: null);

                // If filter requested termination, returning latest function result.
                if (invocationContext.Terminate)
                {
                    if (this._logger.IsEnabled(LogLevel.Debug))
                    {
                        this._logger.LogDebug("Filter requested termination of automatic function invocation.");
                    }

                    return [chatHistory.Last()];
                }
            }

            // Update tool use information for the next go-around based on having completed another requestIndex.
            Debug.Assert(mistralExecutionSettings.ToolCallBehavior is not null);

            // Set the tool choice to none. If we end up wanting to use tools, we'll reset it to the desired value.
            chatRequest.ToolChoice = "none";
            chatRequest.Tools?.Clear();

            if (requestIndex >= mistralExecutionSettings.ToolCallBehavior!.MaximumUseAttempts)
            {
                // Don't add any tools as we've reached the maximum attempts limit.
                if (this._logger.IsEnabled(LogLevel.Debug))
                {
                    this._logger.LogDebug("Maximum use ({MaximumUse}) reached; removing the tool.", mistralExecutionSettings.ToolCallBehavior!.MaximumUseAttempts);
                }
            }
            else
            {
                // Regenerate the tool list as necessary. The invocation of the function(s) could have augmented
                // what functions are available in the kernel.
                mistralExecutionSettings.ToolCallBehavior.ConfigureRequest(kernel, chatRequest);
            }

            // Disable auto invocation if we've exceeded the allowed limit.
            if (requestIndex >= mistralExecutionSettings.ToolCallBehavior!.MaximumAutoInvokeAttempts)
            {
                autoInvoke = false;
                if (this._logger.IsEnabled(LogLevel.Debug))
                {
                    this._logger.LogDebug("Maximum auto-invoke ({MaximumAutoInvoke}) reached.", mistralExecutionSettings.ToolCallBehavior!.MaximumAutoInvokeAttempts);
                }
            }
        }
    }

    internal async IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(ChatHistory chatHistory, [EnumeratorCancellation] CancellationToken cancellationToken, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null)
    {
        this.ValidateChatHistory(chatHistory);

        var mistralExecutionSettings = MistralAIPromptExecutionSettings.FromExecutionSettings(executionSettings);
        string modelId = mistralExecutionSettings.ModelId ?? this._modelId;
        var autoInvoke = kernel is not null && mistralExecutionSettings.ToolCallBehavior?.MaximumAutoInvokeAttempts > 0 && s_inflightAutoInvokes.Value < MaxInflightAutoInvokes;

        List<MistralToolCall>? toolCalls = null;
        for (int requestIndex = 1; ; requestIndex++)
        {
            var chatRequest = this.CreateChatCompletionRequest(modelId, stream: true, chatHistory, mistralExecutionSettings, kernel);

            // Reset state
            toolCalls?.Clear();

            // Stream the responses
            using (var activity = ModelDiagnostics.StartCompletionActivity(this._endpoint, this._modelId, ModelProvider, chatHistory, mistralExecutionSettings))
            {
                // Make the request.
                IAsyncEnumerable<StreamingChatMessageContent> response;
                try
                {
                    response = this.StreamChatMessageContentsAsync(chatHistory, mistralExecutionSettings, chatRequest, modelId, cancellationToken);
                }
                catch (Exception e) when (activity is not null) // judged: none — records the error on the activity and rethrows (`throw;`); the try only creates the lazy stream
                {
                    activity.SetError(e);
                    throw;
                }

                var responseEnumerator = response.ConfigureAwait(false).GetAsyncEnumerator();
                List<StreamingKernelContent>? streamedContents = activity is not null ? [] : null;
                string? streamedRole = null;
                try
                {
                    while (true)
                    {
                        try
                        {
                            if (!await responseEnumerator.MoveNextAsync())
                            {
                                break;
                            }
                        }
                        catch (Exception ex) when (activity is not null) // judged: none — records the error on the activity and rethrows (`throw;`)
                        {
                            activity.SetError(ex);
                            throw;
                        }

                        StreamingChatMessageContent update = responseEnumerator.Current;

                        // If we're intending to invoke function calls, we need to consume that function call information.
                        if (autoInvoke)
                        {
                            if (update.InnerContent is not MistralChatCompletionChunk completionChunk || completionChunk.Choices is null || completionChunk.Choices?.Count == 0)
                            {
                                continue;
                            }

                            MistralChatCompletionChoice chatChoice = completionChunk!.Choices![0]; // TODO Handle multiple choices
                            streamedRole ??= chatChoice.Delta!.Role;
                            if (chatChoice.IsToolCall)
                            {
                                // Create a copy of the tool calls to avoid modifying the original list
                                toolCalls = new List<MistralToolCall>(chatChoice.ToolCalls!);

                                // Add the result message to the caller's chat history; this is required for the service to understand the tool call responses.
                                chatHistory.Add(this.ToChatMessageContent(modelId, streamedRole!, completionChunk, chatChoice));
                            }
                        }

                        streamedContents?.Add(update);
                        yield return update;
                    }
                }
                finally
                {
                    activity?.EndStreaming(streamedContents);
                    await responseEnumerator.DisposeAsync();
                }
            }

            // If we don't have a function to invoke, we're done.
            // Note that we don't check the FinishReason and instead check whether there are any tool calls, as the service
            // may return a FinishReason of "stop" even if there are tool calls to be made, in particular if a required tool
            // is specified.
            if (!autoInvoke ||
                toolCalls is not { Count: > 0 })
            {
                yield break;
            }

            // Log the requests
            if (this._logger.IsEnabled(LogLevel.Trace))
            {
                this._logger.LogTrace("Function call requests: {Requests}", string.Join(", ", toolCalls.Select(mtc => $"{mtc.Function?.Name}({mtc.Function?.Parameters})")));
            }
            else if (this._logger.IsEnabled(LogLevel.Debug))
            {
                this._logger.LogDebug("Function call requests: {Requests}", toolCalls.Count);
            }

            // We must send back a response for every tool call, regardless of whether we successfully executed it or not.
            // If we successfully execute it, we'll add the result. If we don't, we'll add an error.
            // TODO Check are we missing code here?

            for (int toolCallIndex = 0; toolCallIndex < toolCalls.Count; toolCallIndex++)
            {
                var toolCall = toolCalls[toolCallIndex];

                // We currently only know about function tool calls. If it's anything else, we'll respond with an error.
                if (toolCall.Function is null)
                {
                    this.AddResponseMessage(chatHistory, toolCall, result: null, "Error: Tool call was not a function call.");
                    continue;
                }

                // Make sure the requested function is one we requested. If we're permitting any kernel function to be invoked,
                // then we don't need to check this, as it'll be handled when we look up the function in the kernel to be able
                // to invoke it. If we're permitting only a specific list of functions, though, then we need to explicitly check.
                if (mistralExecutionSettings.ToolCallBehavior?.AllowAnyRequestedKernelFunction is not true &&
                    !IsRequestableTool(chatRequest, toolCall.Function!))
                {
                    this.AddResponseMessage(chatHistory, toolCall, result: null, "Error: Function call chatRequest for a function that wasn't defined.");
                    continue;
                }

                // Find the function in the kernel and populate the arguments.
                if (!kernel!.Plugins.TryGetFunctionAndArguments(toolCall.Function, out KernelFunction? function, out KernelArguments? functionArgs))
                {
                    this.AddResponseMessage(chatHistory, toolCall, result: null, "Error: Requested function could not be found.");
                    continue;
                }

                // Now, invoke the function, and add the resulting tool call message to the chat options.
                FunctionResult functionResult = new(function) { Culture = kernel.Culture };
                AutoFunctionInvocationContext invocationContext = new(kernel, function, functionResult, chatHistory, chatHistory.Last())
                {
                    ToolCallId = toolCall.Id,
                    Arguments = functionArgs,
                    RequestSequenceIndex = requestIndex - 1,
                    FunctionSequenceIndex = toolCallIndex,
                    FunctionCount = toolCalls.Count,
                    CancellationToken = cancellationToken,
                    IsStreaming = true
                };
                s_inflightAutoInvokes.Value++;
                try
                {
                    invocationContext = await OnAutoFunctionInvocationAsync(kernel, invocationContext, async (context) =>
                    {
                        // Check if filter requested termination.
                        if (context.Terminate)
                        {
                            return;
                        }

                        // Note that we explicitly do not use executionSettings here; those pertain to the all-up operation and not necessarily to any
                        // further calls made as part of this function invocation. In particular, we must not use function calling settings naively here,
                        // as the called function could in turn telling the model about itself as a possible candidate for invocation.
                        context.Result = await function.InvokeAsync(kernel, invocationContext.Arguments, cancellationToken: cancellationToken).ConfigureAwait(false);
                    }).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // Do not catch general exception types
                catch (Exception e) // judged: none — isolation of a kernel function (tool) invocation: the error text becomes the tool result sent back to the model
#pragma warning restore CA1031
                {
                    this.AddResponseMessage(chatHistory, toolCall, result: null, $"Error: Exception while invoking function. {e.Message}");
                    continue;
                }
                finally
                {
                    s_inflightAutoInvokes.Value--;
                }

                // Apply any changes from the auto function invocation filters context to final result.
                functionResult = invocationContext.Result;

                object functionResultValue = functionResult.GetValue<object>() ?? string.Empty;
                var stringResult = ProcessFunctionResult(functionResultValue, mistralExecutionSettings.ToolCallBehavior);

                this.AddResponseMessage(chatHistory, toolCall, result: stringResult, errorMessage: null);

                // If filter requested termination, returning latest function result and breaking request iteration loop.
                if (invocationContext.Terminate)
                {
                    if (this._logger.IsEnabled(LogLevel.Debug))
                    {
                        this._logger.LogDebug("Filter requested termination of automatic function invocation.");
                    }

                    var lastChatMessage = chatHistory.Last();

                    yield return new StreamingChatMessageContent(lastChatMessage.Role, lastChatMessage.Content);
                    yield break;
                }
            }

            // Update tool use information for the next go-around based on having completed another requestIndex.
            Debug.Assert(mistralExecutionSettings.ToolCallBehavior is not null);

            // Set the tool choice to none. If we end up wanting to use tools, we'll reset it to the desired value.
            chatRequest.ToolChoice = "none";
            chatRequest.Tools?.Clear();

            if (requestIndex >= mistralExecutionSettings.ToolCallBehavior!.MaximumUseAttempts)
            {
                // Don't add any tools as we've reached the maximum attempts limit.
                if (this._logger.IsEnabled(LogLevel.Debug))
                {
                    this._logger.LogDebug("Maximum use ({MaximumUse}) reached; removing the tool.", mistralExecutionSettings.ToolCallBehavior!.MaximumUseAttempts);
                }
            }
            else
            {
                // Regenerate the tool list as necessary. The invocation of the function(s) could have augmented
                // what functions are available in the kernel.
                mistralExecutionSettings.ToolCallBehavior.ConfigureRequest(kernel, chatRequest);
            }

            // Disable auto invocation if we've exceeded the allowed limit.
            if (requestIndex >= mistralExecutionSettings.ToolCallBehavior!.MaximumAutoInvokeAttempts)
            {
                autoInvoke = false;
                if (this._logger.IsEnabled(LogLevel.Debug))
                {
                    this._logger.LogDebug("Maximum auto-invoke ({MaximumAutoInvoke}) reached.", mistralExecutionSettings.ToolCallBehavior!.MaximumAutoInvokeAttempts);
                }
            }
        }
    }

    private async IAsyncEnumerable<StreamingChatMessageContent> StreamChatMessageContentsAsync(ChatHistory chatHistory, MistralAIPromptExecutionSettings executionSettings, ChatCompletionRequest chatRequest, string modelId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        this.ValidateChatHistory(chatHistory);

        var endpoint = this.GetEndpoint(executionSettings, path: "chat/completions");
        using var httpRequestMessage = this.CreatePost(chatRequest, endpoint, this._apiKey, stream: true);
        using var response = await this.SendStreamingRequestAsync(httpRequestMessage, cancellationToken).ConfigureAwait(false);
        var responseStream = await response.Content.ReadAsStreamAndTranslateExceptionAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var streamingChatContent in this.ProcessChatResponseStreamAsync(responseStream, modelId, cancellationToken).ConfigureAwait(false))
        {
            yield return streamingChatContent;
        }
    }

    #region private
    private readonly string _modelId;
    private readonly string _apiKey;
    private readonly Uri? _endpoint;
    private readonly HttpClient _httpClient;
    private readonly ILogger _logger;
    private readonly StreamJsonParser _streamJsonParser;

    /// <summary>Provider name used for diagnostics.</summary>
    private const string ModelProvider = "mistralai";

    /// <summary>
    /// The maximum number of auto-invokes that can be in-flight at any given time as part of the current
    /// asynchronous chain of execution.
    /// </summary>
    /// <remarks>
    /// This is a fail-safe mechanism. If someone accidentally manages to set up execution settings in such a way that
    /// auto-invocation is invoked recursively, and in particular where a prompt function is able to auto-invoke itself,
    /// we could end up in an infinite loop. This const is a backstop against that happening. We should never come close
    /// to this limit, but if we do, auto-invoke will be disabled for the current flow in order to prevent runaway execution.
    /// With the current setup, the way this could possibly happen is if a prompt function is configured with built-in
    /// execution settings that opt-in to auto-invocation of everything in the kernel, in which case the invocation of that
    /// prompt function could advertise itself as a candidate for auto-invocation. We don't want to outright block that,
    /// if that's something a developer has asked to do (e.g. it might be invoked with different arguments than its parent
    /// was invoked with), but we do want to limit it. This limit is arbitrary and can be tweaked in the future and/or made
    /// configurable should need arise.
    /// </remarks>
    private const int MaxInflightAutoInvokes = 5;

    /// <summary>Tracking <see cref="AsyncLocal{Int32}"/> for <see cref="MaxInflightAutoInvokes"/>.</summary>
    private static readonly AsyncLocal<int> s_inflightAutoInvokes = new();

    private HttpRequestMessage CreatePost(object requestData, Uri endpoint, string apiKey, bool stream)
    {
        var httpRequestMessage = HttpRequest.CreatePostRequest(endpoint, requestData);
        this.SetRequestHeaders(httpRequestMessage, apiKey, stream);

        return httpRequestMessage;
    }

    private void SetRequestHeaders(HttpRequestMessage request, string apiKey, bool stream)
    {
        request.Headers.Add("User-Agent", HttpHeaderConstant.Values.UserAgent);
        request.Headers.Add(HttpHeaderConstant.Names.SemanticKernelVersion, HttpHeaderConstant.Values.GetAssemblyVersion(this.GetType()));
        request.Headers.Add("Accept", stream ? "text/event-stream" : "application/json");
        request.Headers.Add("Authorization", $"Bearer {apiKey}");
        request.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/json");
    }

    private async Task<T> SendRequestAsync<T>(HttpRequestMessage httpRequestMessage, CancellationToken cancellationToken)
    {
        using var response = await this._httpClient.SendWithSuccessCheckAsync(httpRequestMessage, cancellationToken).ConfigureAwait(false);

        var body = await response.Content.ReadAsStringWithExceptionMappingAsync(cancellationToken).ConfigureAwait(false);

        return DeserializeResponse<T>(body);
    }

    private async Task<HttpResponseMessage> SendStreamingRequestAsync(HttpRequestMessage httpRequestMessage, CancellationToken cancellationToken)
    {
        return await this._httpClient.SendWithSuccessCheckAsync(httpRequestMessage, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
    }

    private static T DeserializeResponse<T>(string body)
    {
        try
        {
            T? deserializedResponse = JsonSerializer.Deserialize<T>(body);
            return deserializedResponse ?? throw new JsonException("Response is null");
        }
        catch (JsonException exc) // judged: none — JsonException only (deserialising the body already received), rethrown as KernelException with it as inner exception
        {
            throw new KernelException("Unexpected response from model", exc)
            {
                Data = { { "ResponseData", body } },
            };
        }
    }

    private void AddFunctionCallContent(ChatMessageContent message, MistralToolCall toolCall)
    {
        if (toolCall.Function is null)
        {
            return;
        }

        // Adding items of 'FunctionCallContent' type to the 'Items' collection even though the function calls are available via the 'ToolCalls' property.
        // This allows consumers to work with functions in an LLM-agnostic way.
        Exception? exception = null;
        KernelArguments? arguments = null;
        if (toolCall.Function.Arguments is not null)
        {
            try
            {
                arguments = JsonSerializer.Deserialize<KernelArguments>(toolCall.Function.Arguments);
                if (arguments is not null)
                {
                    // Iterate over copy of the names to avoid mutating the dictionary while enumerating it
                    var names = arguments.Names.ToArray();
                    foreach (var name in names)
                    {
                        arguments[name] = arguments[name]?.ToString();
                    }
                }
            }
            catch (JsonException ex) // judged: none — JsonException only (tool-call arguments), stored in the FunctionCallContent.Exception
            {
                exception = new KernelException("Error: Function call arguments were invalid JSON.", ex);

                if (this._logger.IsEnabled(LogLevel.Debug))
                {
                    this._logger.LogDebug(ex, "Failed to deserialize function arguments ({FunctionName}/{FunctionId}).", toolCall.Function.Name, toolCall.Id);
                }
            }
        }

        var functionCallContent = new FunctionCallContent(
            functionName: toolCall.Function.FunctionName,
            pluginName: toolCall.Function.PluginName,
            id: toolCall.Id,
            arguments: arguments)
        {
            InnerContent = toolCall,
            Exception = exception
        };

        message.Items.Add(functionCallContent);
    }

    private void AddResponseMessage(ChatHistory chat, MistralToolCall toolCall, string? result, string? errorMessage)
    {
        // Log any error
        if (errorMessage is not null && this._logger.IsEnabled(LogLevel.Debug))
        {
            Debug.Assert(result is null);
            this._logger.LogDebug("Failed to handle tool request ({ToolId}). {Error}", toolCall.Function?.Name, errorMessage);
        }

        result ??= errorMessage ?? string.Empty;

        // Add the tool response message to the chat history
        var message = new ChatMessageContent(AuthorRole.Tool, result, metadata: new Dictionary<string, object?> { { nameof(MistralToolCall.Function), toolCall.Function } });

        // Add an item of type FunctionResultContent to the ChatMessageContent.Items collection in addition to the function result stored as a string in the ChatMessageContent.Content property.
        // This will enable migration to the new function calling model and facilitate the deprecation of the current one in the future.
        if (toolCall.Function is not null)
        {
            message.Items.Add(new FunctionResultContent(
                toolCall.Function.FunctionName,
                toolCall.Function.PluginName,
                toolCall.Id,
                result));
        }

        chat.Add(message);
    }
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
    internal sealed class StreamJsonParser
    {
    }
}

namespace Microsoft.SemanticKernel.Connectors.MistralAI
{
    public sealed class MistralAIPromptExecutionSettings : PromptExecutionSettings
    {
        public MistralAIToolCallBehavior? ToolCallBehavior { get; set; }
        public static MistralAIPromptExecutionSettings FromExecutionSettings(PromptExecutionSettings? executionSettings) => throw new NotImplementedException();
    }

    public abstract class MistralAIToolCallBehavior
    {
        public int MaximumAutoInvokeAttempts { get; }
        public int MaximumUseAttempts { get; }
        internal bool AllowAnyRequestedKernelFunction { get; }
        internal void ConfigureRequest(Kernel? kernel, Microsoft.SemanticKernel.Connectors.MistralAI.Client.ChatCompletionRequest request) => throw new NotImplementedException();
    }

    internal static class MistralAIPluginCollectionExtensions
    {
        internal static bool TryGetFunctionAndArguments(this IReadOnlyKernelPluginCollection plugins, Microsoft.SemanticKernel.Connectors.MistralAI.Client.MistralFunction functionToolCall, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out KernelFunction? function, out KernelArguments? arguments) => throw new NotImplementedException();
    }
}

namespace Microsoft.SemanticKernel.Connectors.MistralAI.Client
{
    internal sealed partial class MistralClient
    {
        private void LogUsage(MistralUsage? usage) => throw new NotImplementedException();
        private void ValidateChatHistory(ChatHistory chatHistory) => throw new NotImplementedException();
        private ChatCompletionRequest CreateChatCompletionRequest(string modelId, bool stream, ChatHistory chatHistory, MistralAIPromptExecutionSettings executionSettings, Kernel? kernel = null) => throw new NotImplementedException();
        private IAsyncEnumerable<StreamingChatMessageContent> ProcessChatResponseStreamAsync(Stream stream, string modelId, CancellationToken cancellationToken) => throw new NotImplementedException();
        private Uri GetEndpoint(MistralAIPromptExecutionSettings executionSettings, string path) => throw new NotImplementedException();
        private static bool IsRequestableTool(ChatCompletionRequest request, MistralFunction func) => throw new NotImplementedException();
        private List<ChatMessageContent> ToChatMessageContent(string modelId, ChatCompletionResponse response) => throw new NotImplementedException();
        private ChatMessageContent ToChatMessageContent(string modelId, ChatCompletionResponse response, MistralChatChoice chatChoice) => throw new NotImplementedException();
        private ChatMessageContent ToChatMessageContent(string modelId, string streamedRole, MistralChatCompletionChunk chunk, MistralChatCompletionChoice chatChoice) => throw new NotImplementedException();
        private static string ProcessFunctionResult(object functionResult, MistralAIToolCallBehavior? toolCallBehavior) => throw new NotImplementedException();
        private static Task<AutoFunctionInvocationContext> OnAutoFunctionInvocationAsync(Kernel kernel, AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> functionCallCallback) => throw new NotImplementedException();
    }

    internal sealed class AutoFunctionInvocationContext
    {
        public AutoFunctionInvocationContext(Kernel kernel, KernelFunction function, FunctionResult result, ChatHistory chatHistory, ChatMessageContent chatMessageContent) => this.Result = result;
        public string? ToolCallId { get; init; }
        public KernelArguments? Arguments { get; init; }
        public int RequestSequenceIndex { get; init; }
        public int FunctionSequenceIndex { get; init; }
        public int FunctionCount { get; init; }
        public CancellationToken CancellationToken { get; init; }
        public bool IsStreaming { get; init; }
        public bool Terminate { get; set; }
        public FunctionResult Result { get; set; }
    }

    internal sealed class ChatCompletionRequest
    {
        public string? ToolChoice { get; set; }
        public List<object>? Tools { get; set; }
    }

    internal sealed class MistralUsage
    {
        public int? PromptTokens { get; set; }
        public int? CompletionTokens { get; set; }
    }

    internal sealed class ChatCompletionResponse
    {
        public string? Id { get; set; }
        public MistralUsage? Usage { get; set; }
        public List<MistralChatChoice>? Choices { get; set; }
    }

    internal sealed class MistralChatChoice
    {
        public bool IsToolCall { get; }
        public int ToolCallCount { get; }
        public List<MistralToolCall>? ToolCalls { get; set; }
    }

    internal sealed class MistralChatCompletionChunk
    {
        public List<MistralChatCompletionChoice>? Choices { get; set; }
    }

    internal sealed class MistralChatMessage
    {
        public string? Role { get; set; }
    }

    internal sealed class MistralChatCompletionChoice
    {
        public MistralChatMessage? Delta { get; set; }
        public bool IsToolCall { get; }
        public List<MistralToolCall>? ToolCalls { get; set; }
    }

    internal sealed class MistralToolCall
    {
        public string? Id { get; set; }
        public MistralFunction? Function { get; set; }
    }

    internal sealed class MistralFunction
    {
        public string Name { get; set; } = string.Empty;
        public object? Parameters { get; set; }
        public string? Arguments { get; set; }
        public string? PluginName { get; }
        public string FunctionName { get; } = string.Empty;
    }
}
