using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Generic;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Core;
using Anthropic.Exceptions;
using ChatFailover.FakeProviders;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using OpenAI;
using OpenAI.Chat;

namespace FailoverGen.IntegrationTests;

/// <summary>
/// The generated wrapper over the official OpenAI and Anthropic SDK clients, pointed at loopback servers that answer
/// with the providers' real error bodies and headers.
/// </summary>
public sealed class RealSdkFailoverTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly List<FailoverAttempt> _attempts = new();
    private readonly List<IAsyncDisposable> _servers = new();

    [Fact]
    public async Task OpenAiRateLimit_SurfacesAsClientResultException_AndFailsOverWithReasonAndResetFromTheRawResponse()
    {
        LoopbackProvider openai = await StartAsync(ProviderReplies.OpenAiRateLimited);
        LoopbackProvider anthropic = await StartAsync(TestReplies.AnthropicSuccess);
        IAssistant assistant = Wrapper(OpenAi(openai, new ClientRetryPolicy(0)), Anthropic(anthropic));

        string reply = await assistant.AskAsync("hi");

        Assert.Equal("Claude here.", reply);
        FailoverAttempt attempt = Assert.Single(_attempts);
        Assert.IsType<ClientResultException>(attempt.Exception);
        Assert.Equal(FailoverReason.RateLimit, attempt.Reason);
        Assert.Equal(429, attempt.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(20), attempt.RetryAfter);
        Assert.Equal(1, openai.Requests);
    }

    [Fact]
    public async Task OpenAiInsufficientQuota_IsQuota_NotARateLimit()
    {
        LoopbackProvider openai = await StartAsync(ctx => Json(ctx, 429, """{"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}"""));
        LoopbackProvider anthropic = await StartAsync(TestReplies.AnthropicSuccess);
        IAssistant assistant = Wrapper(OpenAi(openai, new ClientRetryPolicy(0)), Anthropic(anthropic));

        await assistant.AskAsync("hi");

        Assert.Equal(FailoverReason.Quota, Assert.Single(_attempts).Reason);
    }

    [Fact]
    public async Task AnthropicOverloaded_SurfacesAsTheSdksException_AndFailsOverAsOverloaded()
    {
        LoopbackProvider anthropic = await StartAsync(ProviderReplies.AnthropicOverloaded);
        LoopbackProvider openai = await StartAsync(ProviderReplies.OpenAiSuccess);
        IAssistant assistant = Wrapper(Anthropic(anthropic), OpenAi(openai, new ClientRetryPolicy(0)));

        string reply = await assistant.AskAsync("hi");

        Assert.Equal("Failover keeps your agent answering while one provider is down.", reply);
        FailoverAttempt attempt = Assert.Single(_attempts);
        Assert.IsAssignableFrom<AnthropicApiException>(attempt.Exception);
        Assert.Equal(FailoverReason.Overloaded, attempt.Reason);
        Assert.Equal(529, attempt.StatusCode);
    }

    [Fact]
    public async Task AnthropicRateLimit_IsClassifiedFromTheBody_BecauseTheSdkKeepsNoHeaders()
    {
        LoopbackProvider anthropic = await StartAsync(ctx =>
        {
            ctx.Response.Headers["retry-after"] = "30";
            return Json(ctx, 429, """{"type":"error","error":{"type":"rate_limit_error","message":"This request would exceed your organization's rate limit of 50,000 input tokens per minute."}}""");
        });
        LoopbackProvider openai = await StartAsync(ProviderReplies.OpenAiSuccess);
        IAssistant assistant = Wrapper(Anthropic(anthropic), OpenAi(openai, new ClientRetryPolicy(0)));

        await assistant.AskAsync("hi");

        FailoverAttempt attempt = Assert.Single(_attempts);
        Assert.Equal(FailoverReason.RateLimit, attempt.Reason);
        Assert.Null(attempt.RetryAfter);
    }

    [Fact]
    public async Task OpenAiSdkDefaultRetries_HitTheRateLimitedProviderFourTimes_UnlessTurnedOff()
    {
        // With the SDK's default ClientRetryPolicy the chain only sees the 429 after the SDK retried it three times.
        Func<HttpContext, Task> rateLimited = ctx =>
        {
            ctx.Response.Headers["retry-after-ms"] = "1";
            return ProviderReplies.OpenAiRateLimited(ctx);
        };
        LoopbackProvider withDefaults = await StartAsync(rateLimited);
        LoopbackProvider withoutRetries = await StartAsync(rateLimited);
        LoopbackProvider anthropic = await StartAsync(TestReplies.AnthropicSuccess);

        await Wrapper(OpenAi(withDefaults, retryPolicy: null), Anthropic(anthropic)).AskAsync("hi");
        await Wrapper(OpenAi(withoutRetries, new ClientRetryPolicy(0)), Anthropic(anthropic)).AskAsync("hi");

        Assert.Equal(4, withDefaults.Requests);
        Assert.Equal(1, withoutRetries.Requests);
    }

    [Fact]
    public async Task EveryProviderFails_TheExhaustionErrorNamesBothSdksFailures()
    {
        LoopbackProvider openai = await StartAsync(ProviderReplies.OpenAiRateLimited);
        LoopbackProvider anthropic = await StartAsync(ProviderReplies.AnthropicOverloaded);
        IAssistant assistant = Wrapper(OpenAi(openai, new ClientRetryPolicy(0)), Anthropic(anthropic));

        var exhausted = await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => assistant.AskAsync("hi"));

        Assert.Equal("All 2 providers failed: openai: rate limited (429, retry after 20 s); anthropic: overloaded (529)", exhausted.Message);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (IAsyncDisposable server in _servers)
        {
            await server.DisposeAsync();
        }
    }

    private static Task Json(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body);
    }

    private async Task<LoopbackProvider> StartAsync(Func<HttpContext, Task> reply)
    {
        LoopbackProvider server = await LoopbackProvider.StartAsync(reply);
        _servers.Add(server);
        return server;
    }

    private static (string Name, IAssistant Assistant) OpenAi(LoopbackProvider server, PipelinePolicy? retryPolicy)
    {
        var options = new OpenAIClientOptions { Endpoint = new Uri(server.BaseAddress, "v1") };
        if (retryPolicy is not null)
        {
            // How to use the SDK inside a chain: turn its own retries off so the fallback is not delayed.
            options.RetryPolicy = retryPolicy;
        }

        return ("openai", new OpenAiAssistant(new ChatClient("gpt-4o-mini", new ApiKeyCredential("sk-test"), options)));
    }

    private static (string Name, IAssistant Assistant) Anthropic(LoopbackProvider server) =>
        ("anthropic", new AnthropicAssistant(
            new AnthropicClient(new ClientOptions { BaseUrl = server.BaseAddress.ToString().TrimEnd('/'), ApiKey = "sk-ant-test", MaxRetries = 0 }),
            "claude-haiku-4-5"));

    private IAssistant Wrapper(params (string Name, IAssistant Assistant)[] providers)
    {
        FallbackChainBuilder<IAssistant> builder = FallbackChain.Create<IAssistant>()
            .WithTimeProvider(_time)
            .Configure(o =>
            {
                o.Retry.MaxRetryAttempts = 0;
                o.OnAttempt = attempt =>
                {
                    lock (_attempts)
                    {
                        _attempts.Add(attempt);
                    }
                };
            });
        foreach ((string name, IAssistant assistant) in providers)
        {
            builder.Add(name, assistant);
        }

        return new AssistantFailover(builder.Build());
    }
}
