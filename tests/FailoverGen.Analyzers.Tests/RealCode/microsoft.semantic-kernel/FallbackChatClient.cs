// Source: https://github.com/microsoft/semantic-kernel/blob/b39d95a34435f4c1d55dd00c86120ce118d847e1/dotnet/samples/Concepts/ChatCompletion/HybridCompletion_Fallback.cs (lines 136-279)
// Licence: MIT
// Chain: Microsoft.Extensions.AI.IChatClient
// Note: a sample (dotnet/samples/Concepts) built with global usings; the usings it relies on are written out and the sample driver class (lines 1-134) is dropped.
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace ChatCompletion
{
/// <summary>
/// Represents a chat client that performs inference using the first available chat client in the list, falling back to the next one if the previous client fails.
/// </summary>
internal sealed class FallbackChatClient : IChatClient
{
    private readonly IList<IChatClient> _chatClients;
    private static readonly List<HttpStatusCode> s_defaultFallbackStatusCodes =
    [
        HttpStatusCode.InternalServerError,
        HttpStatusCode.NotImplemented,
        HttpStatusCode.BadGateway,
        HttpStatusCode.ServiceUnavailable,
        HttpStatusCode.GatewayTimeout
    ];

    /// <summary>
    /// Initializes a new instance of the <see cref="FallbackChatClient"/> class.
    /// </summary>
    /// <param name="chatClients">The chat clients to fallback to.</param>
    public FallbackChatClient(IList<IChatClient> chatClients)
    {
        this._chatClients = chatClients?.Any() == true ? chatClients : throw new ArgumentException("At least one chat client must be provided.", nameof(chatClients));
    }

    /// <summary>
    /// Gets or sets the HTTP status codes that will trigger the fallback to the next chat client.
    /// </summary>
    public List<HttpStatusCode>? FallbackStatusCodes { get; set; }

    /// <inheritdoc/>
    public ChatClientMetadata Metadata => new();

    /// <inheritdoc/>
    public async Task<Microsoft.Extensions.AI.ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        for (int i = 0; i < this._chatClients.Count; i++)
        {
            var chatClient = this._chatClients.ElementAt(i);

            try
            {
                return await chatClient.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) // judged: FG1002 — for a client before the last, ShouldFallbackToNextClient throws a new InvalidOperationException without the caught one for a timeout, an unknown exception type or an HttpRequestException without status (network error); 5xx moves on to the next client (the router's own loop), others are rethrown
            {
                if (this.ShouldFallbackToNextClient(ex, i, this._chatClients.Count))
                {
                    continue;
                }

                throw;
            }
        }

        // If all clients fail, throw an exception or return a default value
        throw new InvalidOperationException("Neither of the chat clients could complete the inference.");
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (int i = 0; i < this._chatClients.Count; i++)
        {
            var chatClient = this._chatClients.ElementAt(i);

            IAsyncEnumerable<ChatResponseUpdate> completionStream = chatClient.GetStreamingResponseAsync(messages, options, cancellationToken);

            ConfiguredCancelableAsyncEnumerable<ChatResponseUpdate>.Enumerator enumerator = completionStream.ConfigureAwait(false).GetAsyncEnumerator();

            try
            {
                try
                {
                    // Move to the first update to reveal any exceptions.
                    if (!await enumerator.MoveNextAsync())
                    {
                        yield break;
                    }
                }
                catch (Exception ex) // judged: FG1002 — same helper: a timeout, unknown exception or status-less network error on the first MoveNextAsync of a non-last client becomes a new InvalidOperationException without the caught one; 5xx moves on to the next client
                {
                    if (this.ShouldFallbackToNextClient(ex, i, this._chatClients.Count))
                    {
                        continue;
                    }

                    throw;
                }

                // Yield the first update.
                yield return enumerator.Current;

                // Yield the rest of the updates.
                while (await enumerator.MoveNextAsync())
                {
                    yield return enumerator.Current;
                }

                // The stream has ended so break the while loop.
                break;
            }
            finally
            {
                await enumerator.DisposeAsync();
            }
        }
    }

    private bool ShouldFallbackToNextClient(Exception ex, int clientIndex, int numberOfClients)
    {
        // If the exception is thrown by the last client then don't fallback.
        if (clientIndex == numberOfClients - 1)
        {
            return false;
        }

        HttpStatusCode? statusCode = ex switch
        {
            HttpOperationException operationException => operationException.StatusCode,
            HttpRequestException httpRequestException => httpRequestException.StatusCode,
            ClientResultException clientResultException => (HttpStatusCode?)clientResultException.Status,
            _ => throw new InvalidOperationException($"Unsupported exception type: {ex.GetType()}."),
        };

        if (statusCode is null)
        {
            throw new InvalidOperationException("The exception does not contain an HTTP status code.");
        }

        return (this.FallbackStatusCodes ?? s_defaultFallbackStatusCodes).Contains(statusCode!.Value);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        // We don't own the chat clients so we don't dispose them.
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        return null;
    }
}
}
