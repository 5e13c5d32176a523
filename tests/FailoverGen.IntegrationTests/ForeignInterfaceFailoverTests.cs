using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

[assembly: FailoverGen.FallbackChainFor(typeof(IEmbeddingGenerator<string, Embedding<float>>), ClassName = "EmbeddingGeneratorFailover")]
[assembly: FailoverGen.FallbackChainFor(typeof(IChatCompletionService), ClassName = "ChatCompletionFailover")]

namespace FailoverGen.IntegrationTests;

/// <summary>
/// Wrappers generated for interfaces of real packages fail over at run time: Microsoft.Extensions.AI's
/// <c>IEmbeddingGenerator</c> and Semantic Kernel's <c>IChatCompletionService</c>, with the SDKs' own exception types.
/// </summary>
public sealed class ForeignInterfaceFailoverTests
{
    private const string RateLimitBody = "{\"error\":{\"message\":\"Rate limit reached for requests\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}";
    private readonly FakeTimeProvider _time = new();
    private readonly List<FailoverAttempt> _attempts = new();

    private sealed class Embedder(string name, Exception? failure) : IEmbeddingGenerator<string, Embedding<float>>
    {
        public int Calls { get; private set; }

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            Calls++;
            return failure is not null
                ? Task.FromException<GeneratedEmbeddings<Embedding<float>>>(failure)
                : Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(v => new Embedding<float>(new[] { (float)v.Length }) { ModelId = name })));
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    private sealed class KernelChat(string name, Exception? failure) : IChatCompletionService
    {
        public int Calls { get; private set; }

        public IReadOnlyDictionary<string, object?> Attributes { get; } = new Dictionary<string, object?>();

        public Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default)
        {
            Calls++;
            return failure is not null
                ? Task.FromException<IReadOnlyList<ChatMessageContent>>(failure)
                : Task.FromResult<IReadOnlyList<ChatMessageContent>>(new[] { new ChatMessageContent(AuthorRole.Assistant, "from " + name) });
        }

        public async IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Calls++;
            await Task.Yield();
            if (failure is not null)
            {
                throw failure;
            }

            yield return new StreamingChatMessageContent(AuthorRole.Assistant, "from " + name);
        }
    }

    private FallbackChain<T> Chain<T>(T primary, T fallback)
        where T : class =>
        FallbackChain.Create<T>().Add("primary", primary).Add("fallback", fallback).WithTimeProvider(_time)
            .Configure(o =>
            {
                // The fake clock is never advanced, so a transient failure is not retried on the same provider.
                o.Retry.MaxRetryAttempts = 0;
                o.OnAttempt = _attempts.Add;
            })
            .Build();

    [Fact]
    public async Task EmbeddingGenerator_FailsOverOnA429_AndSkipsTheCoolingPrimary()
    {
        var primary = new Embedder("primary", ProviderErrors.FromResponse(429, null, RateLimitBody));
        var fallback = new Embedder("fallback", null);
        IEmbeddingGenerator<string, Embedding<float>> generator = new EmbeddingGeneratorFailover(Chain<IEmbeddingGenerator<string, Embedding<float>>>(primary, fallback));

        GeneratedEmbeddings<Embedding<float>> first = await generator.GenerateAsync(new[] { "hello" });
        GeneratedEmbeddings<Embedding<float>> second = await generator.GenerateAsync(new[] { "again" });

        Assert.Equal("fallback", first.Single().ModelId);
        Assert.Equal("fallback", second.Single().ModelId);
        Assert.Equal(1, primary.Calls);
        Assert.Equal(FailoverReason.RateLimit, _attempts[0].Reason);
        Assert.Equal(FailoverAttemptOutcome.SkippedCoolingDown, _attempts[1].Outcome);
    }

    [Fact]
    public async Task KernelChatCompletion_ReadsTheKernelsHttpOperationException_AndFailsOver()
    {
        var rateLimited = new HttpOperationException(HttpStatusCode.TooManyRequests, RateLimitBody, "Too Many Requests", null);
        var primary = new KernelChat("primary", rateLimited);
        var fallback = new KernelChat("fallback", null);
        IChatCompletionService chat = new ChatCompletionFailover(Chain<IChatCompletionService>(primary, fallback));

        IReadOnlyList<ChatMessageContent> reply = await chat.GetChatMessageContentsAsync(new ChatHistory("hi"));

        Assert.Equal("from fallback", reply.Single().Content);
        FailoverAttempt attempt = Assert.Single(_attempts);
        Assert.Equal(FailoverReason.RateLimit, attempt.Reason);
        Assert.Equal(429, attempt.StatusCode);
    }

    [Fact]
    public async Task KernelStreamingChat_FailsOverBeforeTheFirstItem()
    {
        var primary = new KernelChat("primary", new HttpOperationException(HttpStatusCode.ServiceUnavailable, "overloaded", "Service Unavailable", null));
        var fallback = new KernelChat("fallback", null);
        IChatCompletionService chat = new ChatCompletionFailover(Chain<IChatCompletionService>(primary, fallback));

        var text = new List<string?>();
        await foreach (StreamingChatMessageContent update in chat.GetStreamingChatMessageContentsAsync(new ChatHistory("hi")))
        {
            text.Add(update.Content);
        }

        Assert.Equal(new[] { "from fallback" }, text);
    }
}
