using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using FailoverGen;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Gateway;

/// <summary>
/// <c>POST /v1/chat/completions</c>, OpenAI's wire format, streaming or not, answered through the chain. A stream is
/// forwarded as it comes; its first update is awaited before the response starts, so that a failure before any output
/// is an HTTP error with the provider's status. A failure after output has started becomes an in-band error event: the
/// client never sees a truncated answer as a complete one.
/// </summary>
public static class ChatCompletionsEndpoint
{
    public static async Task HandleAsync(HttpContext context, ChainRegistry chains, IOptions<GatewaySettings> settings)
    {
        ChatRequest request;
        try
        {
            request = await ChatRequest.ReadAsync(context.Request.Body, context.RequestAborted);
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException)
        {
            await OpenAiWire.WriteErrorAsync(context.Response, StatusCodes.Status400BadRequest, "The request body is not a chat completion request: " + ex.Message, "invalid_request_error", null);
            return;
        }

        string? fallback = (settings.Value.FallbackModelHeader is { Length: > 0 } header ? context.Request.Headers[header].FirstOrDefault() : null)
            ?? request.FallbackModel;
        IChatClient chat = chains.For(request.Model, fallback);
        if (request.Stream)
        {
            await StreamAsync(context, chat, request);
        }
        else
        {
            await AnswerAsync(context, chat, request);
        }
    }

    private static async Task AnswerAsync(HttpContext context, IChatClient chat, ChatRequest request)
    {
        ChatResponse response;
        try
        {
            response = await chat.GetResponseAsync(request.Messages, request.Options, context.RequestAborted);
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            await WriteFailureAsync(context.Response, ex);
            return;
        }

        await OpenAiWire.WriteCompletionAsync(context.Response, response, request.Model);
    }

    private static async Task StreamAsync(HttpContext context, IChatClient chat, ChatRequest request)
    {
        HttpResponse http = context.Response;
        await using IAsyncEnumerator<ChatResponseUpdate> updates = chat.GetStreamingResponseAsync(request.Messages, request.Options, context.RequestAborted)
            .GetAsyncEnumerator(context.RequestAborted);
        var stream = new OpenAiWire.ChunkStream(http, request.Model, request.IncludeUsage);
        bool more;
        try
        {
            more = await updates.MoveNextAsync();
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            await WriteFailureAsync(http, ex);
            return;
        }

        await stream.StartAsync();
        try
        {
            while (more)
            {
                await stream.WriteAsync(updates.Current);
                more = await updates.MoveNextAsync();
            }
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            await stream.FailAsync(ex.Message, ErrorCode(ex));
            return;
        }

        await stream.EndAsync();
    }

    /// <summary>The error response before any output: the provider's status when the chain ended on one, else 502.</summary>
    private static Task WriteFailureAsync(HttpResponse http, Exception error)
    {
        int status = StatusOf(error) ?? StatusCodes.Status502BadGateway;
        return OpenAiWire.WriteErrorAsync(http, status, error.Message, error is FallbackChainExhaustedException ? "failover_exhausted" : "upstream_error", ErrorCode(error));
    }

    private static int? StatusOf(Exception error) => error switch
    {
        FallbackChainExhaustedException exhausted => exhausted.Attempts.LastOrDefault(a => a.StatusCode is not null)?.StatusCode,
        System.ClientModel.ClientResultException result when result.Status is >= 400 and < 600 => result.Status,
        System.Net.Http.HttpRequestException { StatusCode: { } code } => (int)code,
        _ => null,
    };

    private static string? ErrorCode(Exception error) => error switch
    {
        FallbackChainExhaustedException exhausted => exhausted.Attempts.LastOrDefault()?.Reason.ToString(),
        FailoverStreamInterruptedException interrupted => interrupted.Reason.ToString(),
        _ => null,
    };
}
