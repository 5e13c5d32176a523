// Source: https://github.com/lofcz/LlmTornado/blob/40509fc1945e7ef7f1780991ff5a7cbe400149a5/src/LlmTornado.Toolkit/Memory/ToolkitChat.cs (lines 1-1020)
// Licence: MIT
// Chain: ICorpusChain
// Marked: ICorpusChain added to ToolkitChat so the rules treat it as a provider client (it sends the conversation to the model)
// The source project has ImplicitUsings enabled; these usings stand in for them.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Security.Claims;
using LlmTornado;
using LlmTornado.Chat;
using LlmTornado.Chat.Models;
using LlmTornado.ChatFunctions;
using LlmTornado.Code;
using LlmTornado.Code.Vendor;
using LlmTornado.Common;
using LlmTornado.Toolkit;
using LlmTornado.Toolkit.Memory;
using McfCs;

public class ToolkitChat : ICorpusChain
{
    // … trimmed (other properties and fields)
    public Func<string, Task>? TokenHandler { get; set; }
    private Conversation? chat;
    private readonly ChatPluginCompiler pluginCompiler;
    private int functionsCalledInSuccession;
    private List<FunctionResult>? lastFunctionResult;
    private int streamRetryAttempts = 0;
    // … trimmed (constructors, configuration, message helpers)

    public async Task StreamNextMessage(int retryAttempt = 0)
    {
        if (chat is null)
        {
            return;
        }
        
        try
        {
            await chat.StreamResponseRich(new ChatStreamEventHandler
            {
                MessageTokenHandler = async (res) =>
                {
                    if (TokenHandler is not null)
                    {
                        await TokenHandler.Invoke(res ?? string.Empty);
                    }
                },
                FunctionCallHandler = async (functionInfo) =>
                {
                    if (functionsCalledInSuccession > 0 && lastFunctionResult is not null)
                    {
                        // return lastFunctionResult;
                    }

                    functionsCalledInSuccession++;
                    lastFunctionResult ??= [];
                    lastFunctionResult.Clear();

                    foreach (FunctionCall fc in functionInfo)
                    {
                        Dictionary<string, object?>? args = fc.Arguments.JsonDecode<Dictionary<string, object?>>();
                        fc.Result = await pluginCompiler.Call(fc, args);
                    }
                },
                MessageTypeResolvedHandler = async type =>
                {
                    
                },
                HttpExceptionHandler = async (ctx) =>
                {
                    if (streamRetryAttempts < 3)
                    {
                        await Task.Delay(100);
                        await StreamNextMessage(retryAttempt + 1);
                    }
                },
                OnUsageReceived = async (usage) =>
                {
                    
                }
            });
        }
        catch (Exception e) // timeout // judged: FG1001 — any failure of the streamed provider call (429/5xx/network/timeout) is swallowed by an empty catch; StreamNextMessage completes as if the stream had finished
        {
           
        }
    }
    
    private void InitChatIfNull(bool appendSystemMessage = true) => throw new NotImplementedException(); // … trimmed (creates the Conversation)

    private void TrimContext() => throw new NotImplementedException(); // … trimmed (drops old messages)

    // … trimmed (message append helpers)

    public async Task<LlmResponseRaw> GetLlmResponseRaw()
    {
        if (chat == null)
        {
            InitChatIfNull();
        }

        if (chat == null)
        {
            return new LlmResponseRaw {Error = LlmResponseErrors.Generic};
        }

        TrimContext();

        try
        {
            RestDataOrException<ChatChoice> response = await chat.GetResponseSafe();
            return new LlmResponseRaw { Response = response.Data, Ok = true };
        }
        catch (Exception e) // judged: FG1001 — a provider failure becomes LlmResponseRaw { Error = Generic } and the exception itself is dropped (status and cause lost)
        {
            return new LlmResponseRaw { Error = LlmResponseErrors.Generic };
        }
    }

    public async Task<DataOrException<bool>> GetLlmStreamingResponse(Action<int, string> onChunkArrives)
    {
        if (chat is null)
        {
            InitChatIfNull();
        }
        
        if (chat is null)
        {
            return new DataOrException<bool>(new Exception("Chat instance not setup"));
        }

        TrimContext();

        int index = 0;
        
        try
        {
            await chat.StreamResponseRich(new ChatStreamEventHandler
            {
                MessageTokenHandler = (token) =>
                {
                    if (token is null)
                    {
                        return ValueTask.CompletedTask;
                    }
                    
                    onChunkArrives.Invoke(index, token);
                    index++;
                    return ValueTask.CompletedTask;
                }
            });
            
            return new DataOrException<bool>(true);
        }
        catch (Exception e) // judged: none — the exception is handed on in the returned DataOrException<bool>
        {
            return new DataOrException<bool>(e);
        }
    }

    public async Task<LlmResponseParsedRich> GetLlmResponseRich(bool mergeBlockMsgs = false)
    {
        if (chat is null)
        {
            InitChatIfNull();
        }

        if (chat is null)
        {
            return new LlmResponseParsedRich { Error = LlmResponseErrors.Generic };
        }

        TrimContext();

        using CancellationTokenSource cts = new CancellationTokenSource(180_000);
        CancellationToken ct = cts.Token; // never wait more than three minutes, consider such requests bricked and bail
        
        try
        {
            ChatRichResponse? response = null;
            
            if (chat.RequestParameters.Tools?.Count > 0)
            {
                response = await chat.GetResponseRich(async functionInfo =>
                {
                    if (functionInfo.Count is 0)
                    {
                        return;
                    }
                
                    foreach (FunctionCall fi in functionInfo)
                    {
                        Dictionary<string, object?>? args = fi.Arguments.JsonDecode<Dictionary<string, object?>>();
                        
                        // fix for Claude 3 models which sometimes return the required schema encapsulated in "properties" property, prolly due to the
                        // training data containing the JSON schema capsule both in input and output examples.
                        if (args?.TryGetValue("properties", out object? innerVal) ?? false)
                        {
                            args = innerVal?.ToString().JsonDecode<Dictionary<string, object?>>();
                        }
                        
                        fi.Result = await pluginCompiler.Call(fi, args);
                    }
                }, ct);                
            }
            else
            {
                RestDataOrException<ChatRichResponse> ilResult2 = await chat.GetResponseRichSafe(ct);
                
                if (ilResult2.Data is not null)
                {
                    response = ilResult2.Data;
                }
            }
            
            ChatResult last = chat.MostRecentApiResult;

            if (response is null)
            {
                return new LlmResponseParsedRich { Error = LlmResponseErrors.NoResponse };
            }
            
            List<LlmResponseRichBlock> parsedBlocks = [];

            if (response.Blocks is not null)
            {
                string cumulativeMsg = string.Empty;

                if (mergeBlockMsgs)
                {
                    foreach (ChatRichResponseBlock block in response.Blocks)
                    {
                        if (block.Type is ChatRichResponseBlockTypes.Message && block.Message.IsNullOrWhiteSpace())
                        {
                            continue;
                        }

                        if (block.Type is ChatRichResponseBlockTypes.Message)
                        {
                            cumulativeMsg += block.Message;   
                        }
                    }
                }
                
                foreach (ChatRichResponseBlock block in response.Blocks)
                {
                    if (block.Type is ChatRichResponseBlockTypes.Message && block.Message.IsNullOrWhiteSpace())
                    {
                        continue;
                    }

                    switch (block.Type)
                    {
                        case ChatRichResponseBlockTypes.Message:
                        {
                            parsedBlocks.Add(new LlmResponseRichBlock { Message = block.Message, Kind = ChatRichResponseBlockTypes.Message });
                            break;
                        }
                        case ChatRichResponseBlockTypes.Function:
                        {
                            parsedBlocks.Add(new LlmResponseRichBlock { Kind = ChatRichResponseBlockTypes.Function, FunctionResult = block.FunctionCall?.Result });
                            break;
                        }
                        case ChatRichResponseBlockTypes.Image:
                        {
                            parsedBlocks.Add(new LlmResponseRichBlock { Kind = ChatRichResponseBlockTypes.Image }); // todo: store block result
                            break;
                        }
                    }
                }
            }

            return new LlmResponseParsedRich
            {
                Ok = true,
                Blocks = parsedBlocks
            };
        }
        catch (Exception e) // judged: none — the exception is handed on as NativeException in the returned result object
        {
            return new LlmResponseParsedRich { Error = LlmResponseErrors.Generic, NativeException = e };
        }
    }

    // … trimmed (Serialize)

    public async Task<LlmResponseParsed> GetLlmResponse(bool mergeBlockMsgs = false)
    {
        if (chat is null)
        {
            InitChatIfNull();
        }

        if (chat is null)
        {
            return new LlmResponseParsed {Error = LlmResponseErrors.Generic};
        }

        TrimContext();

        using CancellationTokenSource cts = new CancellationTokenSource(180_000);
        CancellationToken ct = cts.Token; // never wait more than three minutes, consider such requests bricked and bail
        LlmResponseErrors? errorType = null;
        
        try
        {
            RestDataOrException<ChatRichResponse>? response = null;

            var ss = chat.Serialize();
            
            if (chat.RequestParameters.Tools?.Count > 0)
            {
                response = await chat.GetResponseRichSafe(async functionInfo =>
                {
                    if (functionInfo.Count is 0)
                    {
                        return;
                    }
                
                    foreach (FunctionCall fi in functionInfo)
                    {
                        Dictionary<string, object?>? args = fi.Arguments.JsonDecode<Dictionary<string, object?>>();
                        
                        // fix for Claude 3 models which sometimes return the required schema encapsulated in "properties" property, prolly due to the
                        // training data containing the JSON schema capsule both in input and output examples.
                        if (args?.TryGetValue("properties", out object? innerVal) ?? false)
                        {
                            args = innerVal?.ToString().JsonDecode<Dictionary<string, object?>>();
                        }

                        // handle errors on our side in a closure to avoid useless retrying of the llm calls
                        try
                        {
                            fi.Result = await pluginCompiler.Call(fi, args);
                        }
                        catch (Exception e) // judged: none — isolation catch around a tool invocation (pluginCompiler.Call); no provider call in the try
                        {
                            if (response is not null)
                            {
                                response.Exception = e;
                                errorType = LlmResponseErrors.ToolProcessing;
                            }
                            
                            return;
                        }
                    }
                }, ct);                
            }
            else
            {
                RestDataOrException<ChatRichResponse> ilResult = await chat.GetResponseRichSafe(ct);

                if (ilResult.Data is not null)
                {
                    response = new RestDataOrException<ChatRichResponse>(new ChatRichResponse(null, null)
                    {
                        Blocks = [
                            new ChatRichResponseBlock
                            {
                                Message = ilResult.Data.Text,
                                Type = ChatRichResponseBlockTypes.Message
                            }
                        ]
                    }, ilResult.HttpResult);
                }
            }
            
            ChatResult? last = chat.MostRecentApiResult;

            if (response is null)
            {
                return new LlmResponseParsed
                {
                    Error = LlmResponseErrors.NoResponse
                };
            }

            if (response.Data is null || response.Exception is not null)
            {
                return new LlmResponseParsed
                {
                    Error = errorType ?? LlmResponseErrors.Generic,
                    NativeException = response.Exception,
                    HttpRequest = response.HttpRequest,
                    HttpResult = response.HttpResult
                };
            }

            if (response.Data.Blocks is not null)
            {
                string cumulativeMsg = string.Empty;

                if (mergeBlockMsgs)
                {
                    foreach (ChatRichResponseBlock block in response.Data.Blocks)
                    {
                        if (block.Type is ChatRichResponseBlockTypes.Message && block.Message.IsNullOrWhiteSpace())
                        {
                            continue;
                        }
                        
                        cumulativeMsg += block.Message;   
                    }
                }
                
                foreach (ChatRichResponseBlock block in response.Data.Blocks)
                {
                    if (block.Type is ChatRichResponseBlockTypes.Message && block.Message.IsNullOrWhiteSpace())
                    {
                        continue;
                    }
                    
                    if (block.Type is ChatRichResponseBlockTypes.Function)
                    {
                        return new LlmResponseParsed
                        {
                            Ok = true, 
                            Message = cumulativeMsg.IsNullOrWhiteSpace() ? block.Message : cumulativeMsg, 
                            FunctionResult = block.FunctionCall?.Result, 
                            Kind = ChatRichResponseBlockTypes.Function,
                            HttpRequest = response.HttpRequest,
                            HttpResult = response.HttpResult
                        };
                    }
                }
            }

            return new LlmResponseParsed
            {
                Ok = true, 
                Message = response.Data.Blocks?.FirstOrDefault()?.Message, 
                FunctionResult = response.Data.Blocks?.FirstOrDefault()?.FunctionCall?.Result, 
                Kind = response.Data.Blocks?.FirstOrDefault()?.Type ?? ChatRichResponseBlockTypes.Message,
                HttpRequest = response.HttpRequest,
                HttpResult = response.HttpResult
            };
        }
        catch (Exception e) // judged: none — the exception is handed on as NativeException in the returned result object
        {
            return new LlmResponseParsed
            {
                Error = LlmResponseErrors.Generic, 
                NativeException = e
            };
        }
    }
    // … trimmed (context bookkeeping)
}

// Stubs: not from the source repository; they stand in for types the snippet uses.
public interface ICorpusChain
{
}

namespace LlmTornado
{
    internal sealed class CorpusNamespaceAnchor
    {
    }
}

namespace LlmTornado.Chat
{
    public class Conversation
    {
        public ChatRequest RequestParameters => throw new NotImplementedException();

        public ChatResult? MostRecentApiResult => throw new NotImplementedException();

        public Task StreamResponseRich(ChatStreamEventHandler? eventsHandler, CancellationToken token = default) => throw new NotImplementedException();

        public Task<RestDataOrException<ChatChoice>> GetResponseSafe(CancellationToken token = default) => throw new NotImplementedException();

        public Task<ChatRichResponse> GetResponseRich(Func<List<FunctionCall>, ValueTask> fnHandler, CancellationToken token = default) => throw new NotImplementedException();

        public Task<RestDataOrException<ChatRichResponse>> GetResponseRichSafe(CancellationToken token = default) => throw new NotImplementedException();

        public Task<RestDataOrException<ChatRichResponse>> GetResponseRichSafe(Func<List<FunctionCall>, ValueTask>? functionCallHandler, CancellationToken token = default) => throw new NotImplementedException();

        public TornadoRequestContent Serialize(ChatRequestSerializeOptions? options = null) => throw new NotImplementedException();
    }

    public class ChatRequest
    {
        public List<Tool>? Tools { get; set; }
    }

    public class ChatStreamEventHandler
    {
        public Func<string?, ValueTask>? MessageTokenHandler { get; set; }

        public Func<List<FunctionCall>, ValueTask>? FunctionCallHandler { get; set; }

        public Func<ChatMessageRoles, ValueTask>? MessageTypeResolvedHandler { get; set; }

        public Func<ChatUsage, ValueTask>? OnUsageReceived { get; set; }

        public Func<HttpFailedRequest, ValueTask>? HttpExceptionHandler { get; set; }
    }

    public class ChatUsage
    {
    }

    public class ChatChoice
    {
    }

    public class ChatResult
    {
    }

    public class ChatRichResponse
    {
        public ChatRichResponse(ChatResult? result, List<ChatRichResponseBlock>? blocks) => throw new NotImplementedException();

        public List<ChatRichResponseBlock>? Blocks { get; set; }

        public string? Text => throw new NotImplementedException();
    }

    public class ChatRichResponseBlock
    {
        public string? Message { get; set; }

        public ChatRichResponseBlockTypes Type { get; set; }

        public FunctionCall? FunctionCall { get; set; }
    }

    public enum ChatRichResponseBlockTypes
    {
        Unknown,
        Message,
        Function,
        Image,
    }

    public class TornadoRequestContent
    {
    }

    public class ChatRequestSerializeOptions
    {
    }
}

namespace LlmTornado.Chat.Models
{
    internal sealed class CorpusNamespaceAnchor
    {
    }
}

namespace LlmTornado.ChatFunctions
{
    public class FunctionCall
    {
        public string Arguments { get; set; } = string.Empty;

        public FunctionResult? Result { get; set; }
    }
}

namespace LlmTornado.Code
{
    public enum ChatMessageRoles
    {
        Unknown,
        User,
        Assistant,
        Tool,
    }

    public class HttpFailedRequest
    {
    }

    internal static class Extensions
    {
        public static T? JsonDecode<T>(this string? obj) => throw new NotImplementedException();
    }
}

namespace LlmTornado.Code.Vendor
{
    internal sealed class CorpusNamespaceAnchor
    {
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

    public interface IHttpCallResult
    {
    }

    public class HttpCallRequest
    {
    }

    public class RestDataOrException<T>
    {
        public RestDataOrException(T data, IHttpCallResult? httpRequest) => throw new NotImplementedException();

        public T? Data { get; set; }

        public Exception? Exception { get; set; }

        public IHttpCallResult? HttpResult { get; set; }

        public HttpCallRequest? HttpRequest { get; set; }
    }
}

namespace LlmTornado.Toolkit
{
    internal sealed class CorpusNamespaceAnchor
    {
    }
}

namespace LlmTornado.Toolkit.Memory
{
    public class LlmResponseParsed
    {
        public string? Message { get; set; }
        public FunctionResult? FunctionResult { get; set; }
        public bool Ok { get; set; }
        public LlmResponseErrors? Error { get; set; }
        public ChatRichResponseBlockTypes Kind { get; set; }
        public Exception? NativeException { get; set; }
        public HttpCallRequest? HttpRequest { get; set; }
        public IHttpCallResult? HttpResult { get; set; }
    }

    public enum LlmResponseErrors
    {
        Unknown,
        Generic,
        NoResponse,
        ToolProcessing,
    }

    public class LlmResponseParsedRich
    {
        public bool Ok { get; set; }
        public LlmResponseErrors? Error { get; set; }
        public Exception? NativeException { get; set; }
        public List<LlmResponseRichBlock> Blocks { get; set; } = [];
    }

    public class LlmResponseRichBlock
    {
        public string? Message { get; set; }
        public FunctionResult? FunctionResult { get; set; }
        public ChatRichResponseBlockTypes Kind { get; set; }
    }

    public class LlmResponseRaw
    {
        public ChatChoice? Response { get; set; }
        public bool Ok { get; set; }
        public LlmResponseErrors? Error { get; set; }
    }

    public class ChatPluginCompiler
    {
        public Task<FunctionResult> Call(FunctionCall fi, Dictionary<string, object?>? args) => throw new NotImplementedException();
    }
}

namespace McfCs
{
    public class DataOrException<T>
    {
        public DataOrException(T data) => throw new NotImplementedException();

        public DataOrException(Exception exception) => throw new NotImplementedException();
    }

    public static class StringExtensions
    {
        public static bool IsNullOrWhiteSpace(this string? value) => throw new NotImplementedException();
    }
}
