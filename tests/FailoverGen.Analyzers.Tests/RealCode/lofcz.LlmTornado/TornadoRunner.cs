// Source: https://github.com/lofcz/LlmTornado/blob/40509fc1945e7ef7f1780991ff5a7cbe400149a5/src/LlmTornado.Agents/TornadoRunner.cs (lines 1-451)
// Licence: MIT
// Chain: ICorpusChain
// Marked: ICorpusChain added to TornadoRunner so the rules treat it as a provider client (it runs the agent loop against the model)
// The source project has ImplicitUsings enabled; these usings stand in for them.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LlmTornado.Agents.DataModels;
using LlmTornado.Chat;
using LlmTornado.Chat.Models;
using LlmTornado.ChatFunctions;
using LlmTornado.Code;
using LlmTornado.Common;
using LlmTornado.Responses;

namespace LlmTornado.Agents
{

/// <summary>
/// <c>Runner</c> to run the agent loop
/// </summary>
public class TornadoRunner : ICorpusChain
{
    // … trimmed (public RunAsync overloads)

    /// <summary>
    /// Main Agent Loop running the functions calls 
    /// </summary>
    /// <param name="chat"></param>
    /// <param name="agent"></param>
    /// <param name="singleTurn"></param>
    /// <param name="maxTurns"></param>
    /// <param name="runnerCallback"></param>
    /// <param name="streaming"></param>
    /// <param name="responseId"></param>
    /// <param name="cancellationToken"></param>
    /// <param name="toolPermissionRequest"></param>
    /// <returns></returns>
    private static async Task<Conversation> RunAgentLoop(
        Conversation chat,
        TornadoAgent agent,
        bool singleTurn = false,
        int maxTurns = 10,
        Func<AgentRunnerEvents, ValueTask>? runnerCallback = null,
        bool streaming = false,
        string responseId = "",
        Func<string, ValueTask<bool>>? toolPermissionRequest = null,
        TornadoRunnerOptions runnerOptions = null,
        CancellationToken cancellationToken = default
    )
    {
        runnerCallback?.Invoke(new AgentRunnerStartedEvent());
        //Agent loop
        int currentTurn = 0;
        try
        {
            do
            {
                CheckForCancellation(runnerCallback, runnerOptions, cancellationToken);

                CheckForMaxTurns(currentTurn, maxTurns, runnerCallback, runnerOptions);

                currentTurn++;

                chat = await GetNewResponse(agent, chat, streaming, runnerCallback, toolPermissionRequest) ?? chat;

            } while (GotToolCall(chat) && !singleTurn);
        }
        catch (Exception ex) // judged: FG1001 — any failure of the agent loop (provider 429/5xx/network from GetNewResponse's streaming path, and even the caller's cancellation) is only passed to the optional runnerCallback; the conversation is returned as if the run had completed
        {
            runnerCallback?.Invoke(new AgentRunnerErrorEvent(ex.Message, ex));
        }

        runnerCallback?.Invoke(new AgentRunnerCompletedEvent(chat));
        return chat;
    }

    // … trimmed (conversation setup and input guardrail)

    private static void CheckForCancellation(Func<AgentRunnerEvents, ValueTask>? runnerCallback = null, TornadoRunnerOptions runnerOptions = null, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            runnerCallback?.Invoke(new AgentRunnerCancelledEvent());
            OperationCanceledException ex = new OperationCanceledException("Operation was cancelled by user.");
            runnerCallback?.Invoke(new AgentRunnerErrorEvent(ex.Message, ex));
            throw ex;
        }
    }

    private static void CheckForMaxTurns(int currentTurn, int maxTurns, Func<AgentRunnerEvents, ValueTask>? runnerCallback = null, TornadoRunnerOptions runnerOptions = null)
    {
        if (currentTurn >= maxTurns)
        {
            Exception error = new Exception("Max Turns Reached");
            runnerCallback?.Invoke(new AgentRunnerMaxTurnsReachedEvent());
            runnerCallback?.Invoke(new AgentRunnerErrorEvent(error.Message, error));
            if(runnerOptions.ThrowOnMaxTurnsExceeded)
                throw error;
        }
    }

    private static bool GotToolCall(Conversation chat)
    {
        if(CheckForChatToolCall(chat)) return true;
        //if(CheckForResponseToolCall(chat)) return true;
        return false;
    }

    private static bool CheckForChatToolCall(Conversation chat)
    {
        return chat.Messages.Last() is { Role: ChatMessageRoles.Tool };
    }

    // … trimmed (CheckForResponseToolCall)

    private static Task<FunctionResult> HandleToolCall(TornadoAgent agent, FunctionCall toolCall, Func<string, ValueTask<bool>>? toolPermissionHandle = null) => throw new NotImplementedException(); // … trimmed (tool invocation)


    /// <summary>
    /// Get response from the model or If Error delete last message in thread and retry (max agent loops will cap)
    /// </summary>
    /// <param name="agent">Agent to respond</param>
    /// <param name="chat">Current Conversation</param>
    /// <param name="Streaming">Should we stream the response</param>
    /// <param name="runnerCallback">Callback events</param>
    /// <param name="toolPermissionRequest">Request Tool permissino</param>
    /// <returns></returns>
    private static async Task<Conversation> GetNewResponse(
        TornadoAgent agent, 
        Conversation chat, 
        bool Streaming = false, 
        Func<AgentRunnerEvents, ValueTask>? runnerCallback = null, 
        Func<string, ValueTask<bool>>? toolPermissionRequest = null,
        TornadoRunnerOptions ? runnerOptions = null)
    {
        try
        {
            try
            {
                //dynamically set the tools for the request
                if (agent.Options.Tools != null)
                    chat.RequestParameters.Tools = agent.Options.Tools; 
                if (agent.ResponseOptions != null)
                    if (agent.ResponseOptions.Tools != null)
                        chat.RequestParameters.ResponseRequestParameters.Tools = agent.ResponseOptions.Tools;
            }
            catch // judged: none — the try only copies tool lists onto the request; no provider call
            {
            }

            if (Streaming && runnerCallback != null)
            {
                return await HandleStreaming(agent, chat, runnerCallback, toolPermissionRequest);
            }
            
            RestDataOrException<ChatRichResponse> response = await chat.GetResponseRichSafe(async functions =>
            {
                foreach (FunctionCall fn in functions)
                {
                    runnerCallback?.Invoke(new AgentRunnerToolInvokedEvent(fn));
                    fn.Result = await HandleToolCall(agent, fn, toolPermissionRequest); //[consideration]I could go parallel here but not sure if its worth the complexity
                    runnerCallback?.Invoke(new AgentRunnerToolCompletedEvent(fn));
                }
            });

            if(response.Exception != null)
            {
                runnerCallback?.Invoke(new AgentRunnerErrorEvent(response.Exception.Message, response.Exception));
                return chat;
            }

            if (response != null && response.Exception == null)
            {
                runnerCallback?.Invoke(new AgentRunnerUsageReceivedEvent(response.Data.Usage.TotalTokens));
            }
        }
        catch (Exception ex) // judged: FG1001 — a provider failure thrown by the streaming call (or by GetResponseRichSafe) is reported to the optional callback only and the unchanged conversation is returned
        {
            runnerCallback?.Invoke(new AgentRunnerErrorEvent(ex.Message,ex));
        }

        return chat;
    }

    private static Task<Conversation> HandleStreaming(TornadoAgent agent, Conversation chat, Func<AgentRunnerEvents, ValueTask>? runnerCallback = null, Func<string, ValueTask<bool>>? toolPermissionRequest = null) => throw new NotImplementedException(); // … trimmed (streams the model response through chat.StreamResponseRich)
}
}

// Stubs: not from the source repository; they stand in for types the snippet uses.
public interface ICorpusChain
{
}

namespace LlmTornado.Agents
{
    public class TornadoAgent
    {
        public ChatRequest Options { get; set; } = new ChatRequest();

        public ResponseRequest? ResponseOptions { get; set; }
    }
}

namespace LlmTornado.Agents.DataModels
{
    public class AgentRunnerEvents : EventArgs
    {
    }

    public class AgentRunnerStartedEvent : AgentRunnerEvents
    {
    }

    public class AgentRunnerCompletedEvent : AgentRunnerEvents
    {
        public AgentRunnerCompletedEvent(Conversation conversation) => throw new NotImplementedException();
    }

    public class AgentRunnerErrorEvent : AgentRunnerEvents
    {
        public AgentRunnerErrorEvent(string errorMessage, Exception? exception = null) => throw new NotImplementedException();
    }

    public class AgentRunnerCancelledEvent : AgentRunnerEvents
    {
    }

    public class AgentRunnerMaxTurnsReachedEvent : AgentRunnerEvents
    {
    }

    public class AgentRunnerToolInvokedEvent : AgentRunnerEvents
    {
        public AgentRunnerToolInvokedEvent(FunctionCall toolCalled) => throw new NotImplementedException();
    }

    public class AgentRunnerToolCompletedEvent : AgentRunnerEvents
    {
        public AgentRunnerToolCompletedEvent(FunctionCall toolCall) => throw new NotImplementedException();
    }

    public class AgentRunnerUsageReceivedEvent : AgentRunnerEvents
    {
        public AgentRunnerUsageReceivedEvent(int tokenUsageAmount) => throw new NotImplementedException();
    }

    public class TornadoRunnerOptions
    {
        public bool ThrowOnMaxTurnsExceeded { get; set; }
    }
}

namespace LlmTornado.Chat
{
    public class Conversation
    {
        public ChatRequest RequestParameters => throw new NotImplementedException();

        public IReadOnlyList<ChatMessage> Messages => throw new NotImplementedException();

        public Task<RestDataOrException<ChatRichResponse>> GetResponseRichSafe(Func<List<FunctionCall>, ValueTask>? functionCallHandler, CancellationToken token = default) => throw new NotImplementedException();
    }

    public class ChatRequest
    {
        public ResponseRequest? ResponseRequestParameters { get; set; }

        public List<Tool>? Tools { get; set; }
    }

    public class ChatMessage
    {
        public ChatMessageRoles? Role { get; set; }
    }

    public class ChatRichResponse
    {
        public ChatUsage? Usage => throw new NotImplementedException();
    }

    public class ChatUsage
    {
        public int TotalTokens { get; set; }
    }
}

namespace LlmTornado.Chat.Models
{
    internal sealed class CorpusModelsNamespaceAnchor
    {
    }
}

namespace LlmTornado.ChatFunctions
{
    public class FunctionCall
    {
        public FunctionResult? Result { get; set; }
    }
}

namespace LlmTornado.Code
{
    public enum ChatMessageRoles
    {
        Unknown,
        System,
        User,
        Assistant,
        Tool,
    }
}

namespace LlmTornado.Common
{
    public class Tool
    {
    }

    public class FunctionResult
    {
    }

    public class RestDataOrException<T>
    {
        public T? Data { get; set; }

        public Exception? Exception { get; set; }
    }
}

namespace LlmTornado.Responses
{
    public class ResponseRequest
    {
        public List<ResponseTool>? Tools { get; set; }
    }

    public class ResponseTool
    {
    }
}
