using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Polly;
using Polly.Fallback;

[assembly: FailoverGen.FallbackChainFor(typeof(IChatClient), Namespace = "FailoverGen.Benchmarks.Peers")]

namespace FailoverGen.Benchmarks.Peers;

/// <summary>
/// The ways a .NET team fails over between chat clients today, each built over the same clients and each failing over
/// on the same errors (an HTTP 429 or 5xx): a hand-written loop, Microsoft.Extensions.AI's OrderedFailoverChatClient, a
/// Polly fallback pipeline, a DispatchProxy, and the FailoverGen wrapper generated for IChatClient.
/// </summary>
public static class Contenders
{
    public static readonly ChatMessage[] Messages = { new(ChatRole.User, "hello") };

    /// <summary>The error a contender fails over on: a rate limit or a server error, as the fakes report them.</summary>
    public static bool FailsOver(Exception exception) =>
        exception is HttpRequestException { StatusCode: HttpStatusCode status } && ((int)status == 429 || (int)status >= 500);

    /// <summary>What a team writes by hand: try each client in order, keep the errors, throw them all at the end.</summary>
    public static async Task<ChatResponse> HandWrittenAsync(IReadOnlyList<IChatClient> clients, IEnumerable<ChatMessage> messages)
    {
        List<Exception>? errors = null;
        foreach (IChatClient client in clients)
        {
            try
            {
                return await client.GetResponseAsync(messages).ConfigureAwait(false);
            }
            catch (Exception ex) when (FailsOver(ex))
            {
                (errors ??= new List<Exception>()).Add(ex);
            }
        }

        throw new AggregateException("Every chat client failed.", errors!);
    }

    /// <summary>
    /// The same loop for a stream: each client until one gives its first item, then that client's items as they come.
    /// A failure after the first item ends the stream, as nothing can be rescued without a continuation.
    /// </summary>
    public static async IAsyncEnumerable<ChatResponseUpdate> HandWrittenStreamAsync(
        IReadOnlyList<IChatClient> clients,
        IEnumerable<ChatMessage> messages,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<Exception>? errors = null;
        foreach (IChatClient client in clients)
        {
            IAsyncEnumerator<ChatResponseUpdate> updates = client.GetStreamingResponseAsync(messages, cancellationToken: cancellationToken).GetAsyncEnumerator(cancellationToken);
            bool any;
            try
            {
                any = await updates.MoveNextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (FailsOver(ex))
            {
                await updates.DisposeAsync().ConfigureAwait(false);
                (errors ??= new List<Exception>()).Add(ex);
                continue;
            }

            try
            {
                if (any)
                {
                    yield return updates.Current;
                    while (await updates.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield return updates.Current;
                    }
                }
            }
            finally
            {
                await updates.DisposeAsync().ConfigureAwait(false);
            }

            yield break;
        }

        throw new AggregateException("Every chat client failed.", errors!);
    }

    public static IChatClient Meai(IReadOnlyList<IChatClient> clients) =>
#pragma warning disable MEAI001 // Failover clients are marked experimental in Microsoft.Extensions.AI 10.11.
        new OrderedFailoverChatClient(clients, true);
#pragma warning restore MEAI001

    /// <summary>A Polly fallback per client after the first, outermost first, so the chain unwinds in order.</summary>
    public static ResiliencePipeline<ChatResponse> Polly(IReadOnlyList<IChatClient> clients)
    {
        var builder = new ResiliencePipelineBuilder<ChatResponse>();
        for (int i = 1; i < clients.Count; i++)
        {
            IChatClient next = clients[i];
            builder.AddFallback(new FallbackStrategyOptions<ChatResponse>
            {
                ShouldHandle = args => new ValueTask<bool>(args.Outcome.Exception is { } ex && FailsOver(ex)),
                FallbackAction = async args => Outcome.FromResult(await next.GetResponseAsync(Messages, cancellationToken: args.Context.CancellationToken).ConfigureAwait(false)),
            });
        }

        return builder.Build();
    }

    public static IChatClient DispatchProxy(IReadOnlyList<IChatClient> clients)
    {
        IChatClient proxy = System.Reflection.DispatchProxy.Create<IChatClient, FailoverProxy>();
        ((FailoverProxy)(object)proxy).Clients = clients;
        return proxy;
    }

    /// <summary>The generated wrapper, configured as the scenario needs; <c>ChatClientFailover</c> is written by FailoverGen.</summary>
    public static IChatClient FailoverGen(IReadOnlyList<IChatClient> clients, Action<FallbackChainOptions>? configure = null)
    {
        FallbackChainBuilder<IChatClient> builder = FallbackChain.Create<IChatClient>();
        for (int i = 0; i < clients.Count; i++)
        {
            builder.Add("client-" + i, clients[i]);
        }

        return new ChatClientFailover(builder.Configure(o => configure?.Invoke(o)).Build());
    }
}

/// <summary>A runtime proxy that forwards each call through reflection and fails over on the same errors.</summary>
public class FailoverProxy : DispatchProxy
{
    public IReadOnlyList<IChatClient> Clients { get; set; } = Array.Empty<IChatClient>();

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        targetMethod!.Name == nameof(IChatClient.GetResponseAsync)
            ? InvokeAsync(targetMethod, args!)
            : targetMethod.Invoke(Clients[0], args);

    private async Task<ChatResponse> InvokeAsync(MethodInfo method, object?[] args)
    {
        List<Exception>? errors = null;
        foreach (IChatClient client in Clients)
        {
            try
            {
                return await ((Task<ChatResponse>)method.Invoke(client, args)!).ConfigureAwait(false);
            }
            catch (Exception ex) when (Contenders.FailsOver(ex))
            {
                (errors ??= new List<Exception>()).Add(ex);
            }
        }

        throw new AggregateException("Every chat client failed.", errors!);
    }
}
