using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading.Tasks;
using ChatFailover;
using ChatFailover.FakeProviders;

namespace FailoverGen.IntegrationTests;

/// <summary>The generated wrapper over real HTTP clients and loopback servers that answer like the providers.</summary>
public class HttpFailoverTests
{
    [Fact]
    public async Task GeminiRateLimited_FailsOverToNextProvider_WithReasonAndRetryDelayFromTheBody()
    {
        await using ProviderFixture fixture = await ProviderFixture.StartAsync(ProviderReplies.GeminiRateLimited, TestReplies.AnthropicSuccess, ProviderReplies.OpenAiSuccess);
        IChatProvider chat = fixture.CreateWrapper();

        ChatReply reply = await chat.CompleteAsync(new ChatRequest("hi"));

        Assert.Equal("claude-haiku-4-5", reply.Model);
        Assert.Equal(1, fixture.Gemini.Requests);
        FailoverAttempt attempt = Assert.Single(fixture.Attempts);
        Assert.Equal("google/gemini-2.5-flash", attempt.ProviderName);
        Assert.Equal(FailoverReason.RateLimit, attempt.Reason);
        Assert.Equal(429, attempt.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(26), attempt.RetryAfter);
    }

    [Fact]
    public async Task EveryProviderFails_ExhaustionNamesEachProviderWithReasonStatusAndRetryAfter()
    {
        await using ProviderFixture fixture = await ProviderFixture.StartAsync(ProviderReplies.GeminiRateLimited, ProviderReplies.AnthropicOverloaded, ProviderReplies.OpenAiRateLimited);
        IChatProvider chat = fixture.CreateWrapper();

        var exhausted = await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => chat.CompleteAsync(new ChatRequest("hi")));

        Assert.Equal(
            "All 3 providers failed: google/gemini-2.5-flash: rate limited (429, retry after 26 s); "
            + "anthropic/claude-haiku-4-5: overloaded (529, 2 attempts); openai/gpt-4o-mini: rate limited (429, retry after 20 s)",
            exhausted.Message);
        Assert.Equal(3, exhausted.InnerExceptions.Count);
        var geminiError = Assert.IsType<ProviderException>(exhausted.InnerExceptions[0]);
        Assert.Equal("RESOURCE_EXHAUSTED", geminiError.ErrorType);
        Assert.Contains("GenerateRequestsPerMinutePerProjectPerModel-FreeTier", geminiError.ResponseBody);
        Assert.Equal("rate_limit_exceeded", Assert.IsType<ProviderException>(exhausted.InnerExceptions[2]).ErrorCode);
        Assert.Equal(2, fixture.Anthropic.Requests);
    }

    [Fact]
    public async Task PrimaryCoolingDown_IsSkippedWithoutARequest_UntilItsRetryDelayHasPassed()
    {
        await using ProviderFixture fixture = await ProviderFixture.StartAsync(ProviderReplies.GeminiRateLimited, ProviderReplies.AnthropicOverloaded, ProviderReplies.OpenAiSuccess);
        IChatProvider chat = fixture.CreateWrapper();
        await chat.CompleteAsync(new ChatRequest("first"));
        fixture.Gemini.Reply = TestReplies.GeminiSuccess;

        fixture.Time.Advance(TimeSpan.FromSeconds(20));
        ChatReply whileCooling = await chat.CompleteAsync(new ChatRequest("second"));
        fixture.Time.Advance(TimeSpan.FromSeconds(7));
        ChatReply afterCooldown = await chat.CompleteAsync(new ChatRequest("third"));

        Assert.Equal("gpt-4o-mini", whileCooling.Model);
        Assert.Equal("gemini-2.5-flash", afterCooldown.Model);
        Assert.Equal(2, fixture.Gemini.Requests);
    }

    [Fact]
    public async Task GeminiDailyQuota_IsClassifiedAsQuota()
    {
        await using ProviderFixture fixture = await ProviderFixture.StartAsync(TestReplies.GeminiDailyQuota, ProviderReplies.AnthropicOverloaded, ProviderReplies.OpenAiSuccess);
        IChatProvider chat = fixture.CreateWrapper();

        await chat.CompleteAsync(new ChatRequest("hi"));

        Assert.Equal(FailoverReason.Quota, fixture.Attempts[0].Reason);
        Assert.Equal(TimeSpan.FromHours(1), fixture.Attempts[0].RetryAfter);
    }

    [Fact]
    public async Task BadRequestFromPrimary_IsRethrownUnchanged_AndNoFallbackIsCalled()
    {
        await using ProviderFixture fixture = await ProviderFixture.StartAsync(TestReplies.GeminiInvalidArgument, ProviderReplies.AnthropicOverloaded, ProviderReplies.OpenAiSuccess);
        IChatProvider chat = fixture.CreateWrapper();

        var error = await Assert.ThrowsAsync<ProviderException>(() => chat.CompleteAsync(new ChatRequest("hi")));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("INVALID_ARGUMENT", error.ErrorType);
        Assert.Equal(0, fixture.Anthropic.Requests + fixture.OpenAi.Requests);
    }

    [Fact]
    public async Task HtmlErrorPage_IsAServerError_RetriedThenFailedOver()
    {
        await using ProviderFixture fixture = await ProviderFixture.StartAsync(TestReplies.GeminiSuccess, TestReplies.AnthropicServerErrorHtml, ProviderReplies.OpenAiSuccess);
        fixture.Gemini.Reply = TestReplies.AnthropicServerErrorHtml;
        IChatProvider chat = fixture.CreateWrapper();

        ChatReply reply = await chat.CompleteAsync(new ChatRequest("hi"));

        Assert.Equal("gpt-4o-mini", reply.Model);
        Assert.All(fixture.Attempts, a => Assert.Equal(FailoverReason.ServerError, a.Reason));
        Assert.Equal(new[] { 2, 2 }, fixture.Attempts.Select(a => a.Requests));
    }

    [Fact]
    public async Task ConnectionRefused_IsANetworkFailure_AndFailsOver()
    {
        await using ProviderFixture fixture = await ProviderFixture.StartAsync(TestReplies.GeminiSuccess, ProviderReplies.AnthropicOverloaded, ProviderReplies.OpenAiSuccess);
        IChatProvider chat = fixture.CreateWrapper(ClosedPortAddress());

        ChatReply reply = await chat.CompleteAsync(new ChatRequest("hi"));

        Assert.Equal("gpt-4o-mini", reply.Model);
        Assert.Equal(FailoverReason.Network, fixture.Attempts[0].Reason);
        Assert.IsType<HttpRequestException>(fixture.Attempts[0].Exception);
    }

    private static Uri ClosedPortAddress()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }
}
