using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

[assembly: FailoverGen.FallbackChainFor(typeof(IChatClient))]

namespace FailoverGen.IntegrationTests;

/// <summary>An in-memory IChatClient that answers with its name or throws <see cref="Failure"/>.</summary>
public sealed class ScriptedChatClient(string name) : IChatClient
{
    public Exception? Failure { get; set; }

    public int Calls { get; private set; }

    public bool Disposed => Disposals > 0;

    public int Disposals { get; private set; }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls++;
        return Failure is null
            ? Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "from " + name)))
            : Task.FromException<ChatResponse>(Failure);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Calls++;
        await Task.Yield();
        if (Failure is not null)
        {
            throw Failure;
        }

        yield return new ChatResponseUpdate(ChatRole.Assistant, "from ");
        yield return new ChatResponseUpdate(ChatRole.Assistant, name);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata(name) : null;

    public void Dispose() => Disposals++;
}
