using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace FailoverGen.Benchmarks.Peers;

/// <summary>
/// An in-memory <see cref="IChatClient"/> that answers at once, or fails the way an HTTP-based client does: a faulted
/// task carrying a new <see cref="HttpRequestException"/> with the status code, as the OpenAI and Azure clients'
/// transports report a 429 or a 503. Every contender calls the same fakes, so the differences are their own cost.
/// </summary>
public sealed class FakeChatClient : IChatClient
{
    private readonly ChatResponse _response;
    private readonly ChatResponseUpdate[] _updates;
    private readonly HttpStatusCode? _failure;

    private readonly bool _newUpdates;

    /// <param name="newUpdates">Stream a new update per item, as a client parsing a response does, instead of cached ones.</param>
    public FakeChatClient(string name, HttpStatusCode? failure = null, int streamItems = 16, bool newUpdates = false)
    {
        _newUpdates = newUpdates;
        _response = new ChatResponse(new ChatMessage(ChatRole.Assistant, "reply from " + name)) { ModelId = name };
        _updates = new ChatResponseUpdate[streamItems];
        for (int i = 0; i < streamItems; i++)
        {
            _updates[i] = new ChatResponseUpdate(ChatRole.Assistant, "token " + i) { ModelId = name };
        }

        _failure = failure;
    }

    public int Calls { get; private set; }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls++;
        return _failure is HttpStatusCode status
            ? Task.FromException<ChatResponse>(new HttpRequestException("Response status code does not indicate success: " + (int)status + ".", null, status))
            : Task.FromResult(_response);
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Stream(cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    private async IAsyncEnumerable<ChatResponseUpdate> Stream([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Calls++;
        if (_failure is HttpStatusCode status)
        {
            throw new HttpRequestException("Response status code does not indicate success: " + (int)status + ".", null, status);
        }

        foreach (ChatResponseUpdate update in _updates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return _newUpdates ? new ChatResponseUpdate(ChatRole.Assistant, update.Text) { ModelId = update.ModelId } : update;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
