using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

[assembly: FailoverGen.FallbackChainFor(
    typeof(IChatClient),
    ClassName = "LongContextChatFailover",
    FailoverOnStatusCodes = new[] { 429 },
    FailoverOnReasons = new[] { FailoverGen.FailoverReason.ContextOverflow, FailoverGen.FailoverReason.Network })]

namespace FailoverGen.IntegrationTests;

/// <summary>
/// Microsoft.Extensions.AI's IChatClient, wrapped through [assembly: FallbackChainFor(typeof(IChatClient))], and
/// compared with the library's own OrderedFailoverChatClient on the same failures.
/// </summary>
public sealed class ChatClientTests
{
    private static readonly ChatMessage[] Prompt = { new(ChatRole.User, "hi") };
    private readonly FakeTimeProvider _time = new();
    private readonly ScriptedChatClient _primary = new("primary") { Failure = new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(30)) };
    private readonly ScriptedChatClient _fallback = new("fallback");

    private ChatClientFailover Ours(List<FailoverAttempt>? attempts = null) =>
        new(FallbackChain.Create<IChatClient>()
            .Add("primary", _primary)
            .Add("fallback", _fallback)
            .WithTimeProvider(_time)
            .Configure(o =>
            {
                // The fake clock is never advanced here, so retries of transient failures must not wait.
                o.Retry.Delay = TimeSpan.Zero;
                o.Retry.MaxDelay = TimeSpan.Zero;
                o.OnAttempt = a => attempts?.Add(a);
            })
            .Build());

    private OrderedFailoverChatClient Theirs() => new(new IChatClient[] { _primary, _fallback }, leaveOpen: true);

    [Fact]
    public async Task GetResponseAsync_FailsOverOnARateLimit()
    {
        ChatResponse response = await Ours().GetResponseAsync(Prompt);

        Assert.Equal("from fallback", response.Text);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_FailsOverBeforeTheFirstUpdate()
    {
        var text = new List<string>();
        await foreach (ChatResponseUpdate update in Ours().GetStreamingResponseAsync(Prompt))
        {
            text.Add(update.Text);
        }

        Assert.Equal("from fallback", string.Concat(text));
    }

    [Fact]
    public void GetService_AnswersFromThePrimary()
    {
        _primary.Failure = null;

        var metadata = Ours().GetService(typeof(ChatClientMetadata)) as ChatClientMetadata;

        Assert.Equal("primary", metadata?.ProviderName);
    }

    [Fact]
    public async Task GetService_WhileThePrimaryCoolsDown_IsNoAttempt_AndAnswersFromThePrimary()
    {
        var attempts = new List<FailoverAttempt>();
        var switches = new List<FailoverSwitch>();
        ChatClientFailover chat = new(FallbackChain.Create<IChatClient>()
            .Add("primary", _primary)
            .Add("fallback", _fallback)
            .WithTimeProvider(_time)
            .Configure(o =>
            {
                o.OnAttempt = attempts.Add;
                o.OnSwitched = switches.Add;
            })
            .Build());
        await chat.GetResponseAsync(Prompt);
        attempts.Clear();
        switches.Clear();
        _primary.Failure = null;

        var metadata = chat.GetService(typeof(ChatClientMetadata)) as ChatClientMetadata;

        Assert.Equal("primary", metadata?.ProviderName);
        Assert.Empty(attempts);
        Assert.Empty(switches);
    }

    [Fact]
    public void Dispose_DisposesEveryProvider()
    {
        Ours().Dispose();

        Assert.True(_primary.Disposed);
        Assert.True(_fallback.Disposed);
    }

    [Fact]
    public void DisposingTheWrapperTwice_DisposesEveryProviderOnce()
    {
        ChatClientFailover chat = Ours();

        chat.Dispose();
        chat.Dispose();

        Assert.Equal(1, _primary.Disposals);
        Assert.Equal(1, _fallback.Disposals);
    }

    [Fact]
    public async Task Both_FailOverOnARateLimit_ButOnlyOursCoolsTheRateLimitedProviderDown()
    {
        IChatClient ours = Ours();
        await ours.GetResponseAsync(Prompt);
        await ours.GetResponseAsync(Prompt);
        int oursPrimaryCalls = _primary.Calls;

        _primary.Failure = new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(30));
        var theirsPrimary = new ScriptedChatClient("primary") { Failure = _primary.Failure };
        using var theirs = new OrderedFailoverChatClient(new IChatClient[] { theirsPrimary, new ScriptedChatClient("fallback") }, leaveOpen: true);
        Assert.Equal("from fallback", (await theirs.GetResponseAsync(Prompt)).Text);
        Assert.Equal("from fallback", (await theirs.GetResponseAsync(Prompt)).Text);

        Assert.Equal(1, oursPrimaryCalls);
        Assert.Equal(2, theirsPrimary.Calls);
    }

    [Fact]
    public async Task BadRequest_IsRethrownByOurs_WhereTheirsTriesTheNextClientWithTheSameBadRequest()
    {
        var badRequest = new HttpRequestException("invalid", null, System.Net.HttpStatusCode.BadRequest);
        _primary.Failure = badRequest;

        var oursError = await Assert.ThrowsAsync<HttpRequestException>(() => Ours().GetResponseAsync(Prompt));
        int fallbackCallsAfterOurs = _fallback.Calls;
        using OrderedFailoverChatClient theirs = Theirs();
        ChatResponse theirsResponse = await theirs.GetResponseAsync(Prompt);

        Assert.Same(badRequest, oursError);
        Assert.Equal(0, fallbackCallsAfterOurs);
        Assert.Equal("from fallback", theirsResponse.Text);
    }

    [Fact]
    public async Task WhenEveryClientFails_OursNamesEachWithReasonAndRetryHint_TheirsSurfacesOnlyTheLastError()
    {
        _fallback.Failure = new ProviderException("overloaded", statusCode: 529);

        var ours = await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => Ours().GetResponseAsync(Prompt));
        using OrderedFailoverChatClient theirs = Theirs();
        Exception theirsError = await Assert.ThrowsAnyAsync<Exception>(() => theirs.GetResponseAsync(Prompt));

        Assert.Equal("All 2 providers failed: primary: rate limited (429, retry after 30 s); fallback: overloaded (529, 2 attempts)", ours.Message);
        Assert.Equal(2, ours.InnerExceptions.Count);
        Assert.Same(_fallback.Failure, theirsError);
    }

    [Fact]
    public async Task OnlyOurs_ReportsTheReasonAndRetryHintOfEachFailover()
    {
        var attempts = new List<FailoverAttempt>();

        await Ours(attempts).GetResponseAsync(Prompt);

        FailoverAttempt attempt = attempts.Single();
        Assert.Equal(FailoverReason.RateLimit, attempt.Reason);
        Assert.Equal(TimeSpan.FromSeconds(30), attempt.RetryAfter);
    }

    [Fact]
    public async Task EachProvider_GetsItsOwnCopyOfChatOptions_AndTheCallersIsUntouched()
    {
        var seen = new List<string?>();
        // A 503 leaves the first provider in the chain for the streaming call too (one failure does not cool it).
        var meddler = new OptionsChangingChatClient(seen, new ProviderException("unavailable", statusCode: 503));
        var next = new OptionsChangingChatClient(seen, failure: null);
        var chat = new ChatClientFailover(FallbackChain.Create<IChatClient>()
            .Add("meddler", meddler)
            .Add("next", next)
            .WithTimeProvider(_time)
            .Configure(o => o.Retry.MaxRetryAttempts = 0)
            .Build());
        var options = new ChatOptions { ModelId = "caller-model", Temperature = 0.2f };

        await chat.GetResponseAsync(Prompt, options);
        await foreach (ChatResponseUpdate _ in chat.GetStreamingResponseAsync(Prompt, options))
        {
        }

        Assert.Equal(new[] { "caller-model", "caller-model", "caller-model", "caller-model" }, seen);
        Assert.Equal("caller-model", options.ModelId);
        Assert.Equal(0.2f, options.Temperature);
    }

    /// <summary>Records the model it was asked for, then changes the options as a provider adapter might.</summary>
    private sealed class OptionsChangingChatClient(List<string?> seen, Exception? failure) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, System.Threading.CancellationToken cancellationToken = default)
        {
            Meddle(options);
            return failure is null
                ? Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")))
                : Task.FromException<ChatResponse>(failure);
        }

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] System.Threading.CancellationToken cancellationToken = default)
        {
            Meddle(options);
            await Task.Yield();
            if (failure is not null)
            {
                throw failure;
            }

            yield return new ChatResponseUpdate(ChatRole.Assistant, "ok");
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }

        private void Meddle(ChatOptions? options)
        {
            seen.Add(options?.ModelId);
            options!.ModelId = "provider-specific-model";
            options.Temperature = 1.5f;
        }
    }

    [Fact]
    public async Task InAChatClientBuilderPipeline_FunctionInvocationRunsAcrossTheFailover()
    {
        var tool = new ToolCallingChatClient();
        IChatClient pipeline = new ChatClientBuilder(new ChatClientFailover(FallbackChain.Create<IChatClient>()
                .Add("primary", _primary)
                .Add("tools", tool)
                .WithTimeProvider(_time)
                .Build()))
            .UseFunctionInvocation()
            .Build();
        var options = new ChatOptions { Tools = [AIFunctionFactory.Create(() => "12:00", "get_time")] };

        ChatResponse response = await pipeline.GetResponseAsync(Prompt, options);

        Assert.Equal("It is 12:00.", response.Text);
        Assert.Equal(1, _primary.Calls);
        Assert.Equal(2, tool.Calls);
    }

    /// <summary>Asks for the get_time tool, then answers with its result: the two requests of one function-invocation loop.</summary>
    private sealed class ToolCallingChatClient : IChatClient
    {
        public int Calls { get; private set; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, System.Threading.CancellationToken cancellationToken = default)
        {
            Calls++;
            FunctionResultContent? result = messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().LastOrDefault();
            ChatMessage answer = result is null
                ? new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call-1", "get_time")])
                : new ChatMessage(ChatRole.Assistant, "It is " + result.Result + ".");
            return Task.FromResult(new ChatResponse(answer));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, System.Threading.CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    [Fact]
    public async Task ContextOverflow_FailsOverOnlyWhereTheAttributeOptedIn()
    {
        // OpenAI's answer to a prompt longer than the model's context window.
        var tooLong = new ProviderException(
            "This model's maximum context length is 128000 tokens. However, your messages resulted in 130412 tokens.",
            statusCode: 400,
            errorType: "invalid_request_error",
            errorCode: "context_length_exceeded");
        var small = new ScriptedChatClient("small") { Failure = tooLong };
        var large = new ScriptedChatClient("large");
        FallbackChain<IChatClient> Chain() => FallbackChain.Create<IChatClient>().Add("small", small).Add("large", large).WithTimeProvider(_time).Build();

        await Assert.ThrowsAsync<ProviderException>(() => new ChatClientFailover(Chain()).GetResponseAsync(Prompt));
        ChatResponse response = await new LongContextChatFailover(Chain()).GetResponseAsync(Prompt);

        Assert.Equal("from large", response.Text);
    }

    [Fact]
    public async Task UseFailover_MakesTheBuiltClientThePrimary_InsideFunctionInvocation()
    {
        var tool = new ToolCallingChatClient();
        using ServiceProvider services = new ServiceCollection().AddSingleton<TimeProvider>(_time).BuildServiceProvider();
        IChatClient pipeline = new ChatClientBuilder(_primary)
            .UseFunctionInvocation()
            .UseFailover("primary", (_, chain) => chain.Add("tools", tool))
            .Build(services);
        var options = new ChatOptions { Tools = [AIFunctionFactory.Create(() => "12:00", "get_time")] };

        ChatResponse response = await pipeline.GetResponseAsync(Prompt, options);

        Assert.Equal("It is 12:00.", response.Text);
        Assert.Equal(1, _primary.Calls);
        Assert.Equal(2, tool.Calls);
        Assert.Equal("primary", pipeline.GetService<ChatClientMetadata>()?.ProviderName);
    }
}
