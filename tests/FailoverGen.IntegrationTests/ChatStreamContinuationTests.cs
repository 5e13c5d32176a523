using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace FailoverGen.IntegrationTests;

/// <summary>
/// The generated IChatClient wrapper continues a chat stream cut mid-answer on the next client, with the text already
/// delivered as an assistant message; a client that refuses such a prefill (400) is asked for a clean restart.
/// </summary>
public sealed class ChatStreamContinuationTests
{
    private static readonly ChatMessage[] Prompt = { new(ChatRole.User, "hi") };

    [Fact]
    public async Task AStreamCutMidAnswer_IsContinuedOnTheNextClient_WithTheTextSoFarAsAnAssistantMessage()
    {
        var primary = new CutClient("Hel", "lo");
        var fallback = new ContinuingClient(" world");
        IChatClient chat = Wrapper(o => o.ContinueStreamsOnFailure = true, primary, fallback);

        string text = await ReadAsync(chat);

        Assert.Equal("Hello world", text);
        IReadOnlyList<ChatMessage> sent = Assert.Single(fallback.Requests);
        Assert.Equal(new[] { (ChatRole.User, "hi"), (ChatRole.Assistant, "Hello") }, sent.Select(m => (m.Role, m.Text)));
    }

    [Fact]
    public async Task AClientThatRefusesThePrefill_StartsOver_AndOnlyTheRestOfItsAnswerReachesTheCaller()
    {
        var primary = new CutClient("Hel", "lo");
        var fallback = new ContinuingClient("Hello world") { RefusesPrefill = true };
        var observer = new ResumedObserver();
        IChatClient chat = Wrapper(
            o =>
            {
                o.ContinueStreamsOnFailure = true;
                o.Observers.Add(observer);
            },
            primary,
            fallback);

        string text = await ReadAsync(chat);

        Assert.Equal("Hello world", text);
        Assert.Equal(2, fallback.Requests.Count);
        StreamResumed resumed = Assert.Single(observer.Resumed);
        Assert.Equal((true, 0), (resumed.Continued, resumed.ItemsToDiscard));
    }

    [Fact]
    public async Task AClientThatRefusesThePrefill_AndStartsDifferently_EndsTheStreamWithTheCutNotTheRefusal()
    {
        var primary = new CutClient("Hel", "lo");
        var fallback = new ContinuingClient("Hi there") { RefusesPrefill = true };
        IChatClient chat = Wrapper(o => o.ContinueStreamsOnFailure = true, primary, fallback);

        var interrupted = await Assert.ThrowsAsync<FailoverStreamInterruptedException>(() => ReadAsync(chat));

        Assert.Equal(503, interrupted.StatusCode);
        Assert.Equal(2, interrupted.ItemsYielded);
    }

    private static IChatClient Wrapper(Action<FallbackChainOptions> configure, IChatClient primary, IChatClient fallback) =>
        new ChatClientFailover(FallbackChain.Create<IChatClient>()
            .Add("primary", primary)
            .Add("fallback", fallback)
            .Configure(o =>
            {
                o.Retry.MaxRetryAttempts = 0;
                configure(o);
            })
            .Build());

    private static async Task<string> ReadAsync(IChatClient chat)
    {
        var text = new System.Text.StringBuilder();
        await foreach (ChatResponseUpdate update in chat.GetStreamingResponseAsync(Prompt))
        {
            text.Append(update.Text);
        }

        return text.ToString();
    }

    /// <summary>Streams its pieces, then the connection breaks, as an HTTP client reports a reset mid-body.</summary>
    private sealed class CutClient(params string[] pieces) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (string piece in pieces)
            {
                await Task.Yield();
                yield return new ChatResponseUpdate(ChatRole.Assistant, piece);
            }

            throw new HttpRequestException("The response ended prematurely.", null, HttpStatusCode.ServiceUnavailable);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    /// <summary>Answers with its text; one that refuses a conversation ending with an assistant message answers 400.</summary>
    private sealed class ContinuingClient(string answer) : IChatClient
    {
        private readonly List<IReadOnlyList<ChatMessage>> _requests = new();

        public bool RefusesPrefill { get; init; }

        public IReadOnlyList<IReadOnlyList<ChatMessage>> Requests => _requests;

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            ChatMessage[] sent = messages.ToArray();
            _requests.Add(sent);
            await Task.Yield();
            if (RefusesPrefill && sent[^1].Role == ChatRole.Assistant)
            {
                throw new HttpRequestException("Response status code does not indicate success: 400 (Bad Request).", null, HttpStatusCode.BadRequest);
            }

            yield return new ChatResponseUpdate(ChatRole.Assistant, answer);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    private sealed class ResumedObserver : FailoverObserver
    {
        public List<StreamResumed> Resumed { get; } = new();

        public override void OnStreamResumed(StreamResumed e) => Resumed.Add(e);
    }
}
