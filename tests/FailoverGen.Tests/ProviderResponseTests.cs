using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Tasks;
using FailoverGen.Tests.Fakes;

namespace FailoverGen.Tests;

public sealed class ProviderResponseTests
{
    private const string GeminiPerMinute = """
        {
          "error": {
            "code": 429,
            "message": "You exceeded your current quota, please check your plan and billing details.",
            "status": "RESOURCE_EXHAUSTED",
            "details": [
              {
                "@type": "type.googleapis.com/google.rpc.QuotaFailure",
                "violations": [
                  { "quotaMetric": "generativelanguage.googleapis.com/generate_content_free_tier_requests", "quotaId": "GenerateRequestsPerMinutePerProjectPerModel" }
                ]
              },
              { "@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "26s" }
            ]
          }
        }
        """;

    private readonly TestClock _clock = new();

    private static HttpResponseMessage Response(int status, string? body, string mediaType = "application/json")
    {
        var response = new HttpResponseMessage((HttpStatusCode)status);
        if (body is not null)
        {
            response.Content = new StringContent(body, Encoding.UTF8, mediaType);
        }

        return response;
    }

    private static async Task<ProviderException> FailureOf(HttpResponseMessage response)
    {
        using (response)
        {
            return await Assert.ThrowsAsync<ProviderException>(() => response.EnsureProviderSuccessAsync());
        }
    }

    /// <summary>What the engine makes of <paramref name="error"/> when the only provider throws it.</summary>
    private async Task<FailoverAttempt> EngineAttemptFor(ProviderException error)
    {
        var only = new ScriptedProvider("only", _clock).Throws(error);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.Retry.MaxRetryAttempts = 0, only);
        var exhausted = await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => chain.CompleteAsync());
        return Assert.Single(exhausted.Attempts);
    }

    [Fact]
    public async Task SuccessStatus_DoesNotThrow()
    {
        using HttpResponseMessage response = Response(200, """{"error":{"type":"not really"}}""");

        await response.EnsureProviderSuccessAsync();
    }

    [Fact]
    public async Task GeminiPerMinuteQuota_IsRateLimitWithTheRetryDelay()
    {
        ProviderException error = await FailureOf(Response(429, GeminiPerMinute));

        Assert.Equal(429, error.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(26), error.RetryAfter);
        Assert.Equal("RESOURCE_EXHAUSTED", error.ErrorType);
        Assert.Equal(FailoverReason.RateLimit, error.Reason);
        Assert.Equal("HTTP 429 RESOURCE_EXHAUSTED: You exceeded your current quota, please check your plan and billing details.", error.Message);
        Assert.Equal(GeminiPerMinute, error.ResponseBody);

        FailoverAttempt attempt = await EngineAttemptFor(error);
        Assert.Equal(FailoverReason.RateLimit, attempt.Reason);
        Assert.Equal(TimeSpan.FromSeconds(26), attempt.RetryAfter);
        Assert.Equal(429, attempt.StatusCode);
    }

    [Fact]
    public async Task GeminiPerDayQuota_IsQuota()
    {
        ProviderException error = await FailureOf(Response(429, GeminiPerMinute.Replace("PerMinute", "PerDay", StringComparison.Ordinal)));

        Assert.Equal(FailoverReason.Quota, error.Reason);
        Assert.Equal(FailoverReason.Quota, (await EngineAttemptFor(error)).Reason);
    }

    [Fact]
    public async Task GeminiPerDayViolation_OutranksAPerMinuteOneInTheSameBody()
    {
        string body = GeminiPerMinute.Replace(
            "{ \"quotaMetric\"",
            "{ \"quotaId\": \"GenerateRequestsPerDayPerProjectPerModel-FreeTier\" }, { \"quotaMetric\"",
            StringComparison.Ordinal);

        ProviderException error = await FailureOf(Response(429, body));

        Assert.Equal(FailoverReason.Quota, error.Reason);
    }

    [Fact]
    public async Task GeminiErrorWrappedInAnArray_IsRead()
    {
        ProviderException error = await FailureOf(Response(503, """[{"error":{"code":503,"message":"The model is overloaded.","status":"UNAVAILABLE"}}]"""));

        Assert.Equal("UNAVAILABLE", error.ErrorType);
        Assert.Equal(FailoverReason.Overloaded, (await EngineAttemptFor(error)).Reason);
    }

    [Fact]
    public async Task Anthropic529OverloadedError_IsOverloaded()
    {
        ProviderException error = await FailureOf(Response(529, """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"""));

        Assert.Equal(529, error.StatusCode);
        Assert.Equal("overloaded_error", error.ErrorType);
        Assert.Equal("HTTP 529 overloaded_error: Overloaded", error.Message);
        Assert.Equal(FailoverReason.Overloaded, (await EngineAttemptFor(error)).Reason);
    }

    [Fact]
    public async Task Anthropic429_WithResetHeaders_CarriesTheResetTime()
    {
        HttpResponseMessage response = Response(429, """{"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"}}""");
        response.Headers.TryAddWithoutValidation("anthropic-ratelimit-tokens-remaining", "0");
        response.Headers.TryAddWithoutValidation("anthropic-ratelimit-tokens-reset", "2026-01-01T00:00:40Z");

        ProviderException error = await FailureOf(response);

        Assert.Null(error.RetryAfter);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 40, TimeSpan.Zero), error.RetryAt);
        FailoverAttempt attempt = await EngineAttemptFor(error);
        Assert.Equal(FailoverReason.RateLimit, attempt.Reason);
        Assert.Equal(TimeSpan.FromSeconds(40), attempt.RetryAfter);
    }

    [Fact]
    public async Task OpenAIInsufficientQuota429_IsQuota()
    {
        ProviderException error = await FailureOf(Response(
            429,
            """{"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}"""));

        Assert.Equal("insufficient_quota", error.ErrorCode);
        Assert.Equal(FailoverReason.Quota, (await EngineAttemptFor(error)).Reason);
    }

    [Fact]
    public async Task OpenAIRateLimit_WithRetryAfterHeader_IsRateLimitWithTheHint()
    {
        HttpResponseMessage response = Response(429, """{"error":{"message":"Rate limit reached for gpt-4o","type":"requests","param":null,"code":"rate_limit_exceeded"}}""");
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(20));

        ProviderException error = await FailureOf(response);

        Assert.Equal(TimeSpan.FromSeconds(20), error.RetryAfter);
        Assert.Equal("rate_limit_exceeded", error.ErrorCode);
        FailoverAttempt attempt = await EngineAttemptFor(error);
        Assert.Equal(FailoverReason.RateLimit, attempt.Reason);
        Assert.Contains("rate limited (429, retry after 20 s)", attempt.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeaderRetryHint_WinsOverTheBodysRetryDelay()
    {
        HttpResponseMessage response = Response(429, GeminiPerMinute);
        response.Headers.TryAddWithoutValidation("retry-after-ms", "1500");

        ProviderException error = await FailureOf(response);

        Assert.Equal(TimeSpan.FromMilliseconds(1500), error.RetryAfter);
    }

    [Fact]
    public async Task Groq413TokensPerMinute_IsRateLimit_NotABadRequest()
    {
        ProviderException error = await FailureOf(Response(
            413,
            """{"error":{"message":"Request too large for model `llama-3.3-70b-versatile` in organization `org_x` service tier `on_demand` on tokens per minute (TPM): Limit 6000, Requested 7000, please reduce your message size and try again.","type":"tokens","code":"rate_limit_exceeded"}}"""));

        Assert.Equal(FailoverReason.RateLimit, (await EngineAttemptFor(error)).Reason);
    }

    [Fact]
    public async Task MistralFlatErrorBody_IsRead()
    {
        ProviderException error = await FailureOf(Response(402, """{"object":"error","message":"Insufficient balance","type":"billing_error","param":null,"code":"3505"}"""));

        Assert.Equal("billing_error", error.ErrorType);
        Assert.Equal("Insufficient balance", error.Message[(error.Message.IndexOf(": ", StringComparison.Ordinal) + 2)..]);
        Assert.Equal(FailoverReason.Billing, (await EngineAttemptFor(error)).Reason);
    }

    [Fact]
    public async Task AnthropicLowCreditBalanceSentAs400_IsBilling_AndFailsOver()
    {
        ProviderException error = await FailureOf(Response(
            400,
            """{"type":"error","error":{"type":"invalid_request_error","message":"Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits."}}"""));
        var primary = new ScriptedProvider("anthropic", _clock).Throws(error);
        var fallback = new ScriptedProvider("openai", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary, fallback);

        Assert.Equal(fallback.Reply, await chain.CompleteAsync());
    }

    [Fact]
    public async Task AnthropicPromptTooLong_IsContextOverflow_AndFailsOverWhenOptedIn()
    {
        ProviderException error = await FailureOf(Response(
            400,
            """{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 215000 tokens > 200000 maximum"}}"""));
        var primary = new ScriptedProvider("anthropic", _clock).Throws(error);
        var fallback = new ScriptedProvider("gemini", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary, fallback);

        Assert.Equal(fallback.Reply, await chain.CompleteAsync(policy: new FailoverPolicy(null, new[] { FailoverReason.ContextOverflow })));
    }

    [Fact]
    public async Task Html502Page_BecomesAProviderExceptionWithTheReasonPhrase()
    {
        ProviderException error = await FailureOf(Response(
            502,
            "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>cloudflare</center></body></html>",
            "text/html"));

        Assert.Equal(502, error.StatusCode);
        Assert.Null(error.ErrorType);
        Assert.Null(error.ErrorCode);
        Assert.Equal("HTTP 502: Bad Gateway", error.Message);
        Assert.StartsWith("<html>", error.ResponseBody, StringComparison.Ordinal);
        Assert.Equal(FailoverReason.ServerError, (await EngineAttemptFor(error)).Reason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n")]
    [InlineData("{\"error\": {\"type\": \"overloaded_error\"")]
    [InlineData("{\"error\": [1, 2")]
    [InlineData("[]")]
    [InlineData("[1]")]
    [InlineData("{}")]
    [InlineData("null")]
    [InlineData("\"just a string\"")]
    [InlineData("{\"error\": {\"type\": 42, \"message\": null}}")]
    public async Task EmptyOrMalformedBody_StillThrowsOnlyAProviderException(string? body)
    {
        ProviderException error = await FailureOf(Response(503, body));

        Assert.Equal(503, error.StatusCode);
        Assert.Null(error.ErrorType);
        Assert.Equal("HTTP 503: Service Unavailable", error.Message);
        Assert.Equal(FailoverReason.Overloaded, (await EngineAttemptFor(error)).Reason);
    }

    [Fact]
    public async Task DeeplyNestedBody_StillThrowsOnlyAProviderException()
    {
        string body = "{\"error\":" + new string('[', 200) + new string(']', 200) + "}";

        ProviderException error = await FailureOf(Response(500, body));

        Assert.Equal(500, error.StatusCode);
    }

    [Fact]
    public async Task HugeBody_IsTruncatedToMaxBodyChars()
    {
        string body = "{\"error\":{\"message\":\"" + new string('x', 100 * 1024) + "\"}}";

        ProviderException error = await FailureOf(Response(500, body));

        Assert.Equal(ProviderResponseExtensions.MaxBodyChars, error.ResponseBody!.Length);
        Assert.Equal(body[..ProviderResponseExtensions.MaxBodyChars], error.ResponseBody);
        Assert.Equal(500, error.StatusCode);
    }

    [Fact]
    public async Task BodyThatBreaksOffMidRead_StillThrowsAProviderExceptionWithTheStatus()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new BrokenContent() };

        var error = await Assert.ThrowsAsync<ProviderException>(() => response.EnsureProviderSuccessAsync());

        Assert.Equal(429, error.StatusCode);
        Assert.Equal(string.Empty, error.ResponseBody);
    }

    [Fact]
    public async Task NullResponse_IsRejected()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => ((HttpResponseMessage)null!).EnsureProviderSuccessAsync());
    }

    private sealed class BrokenContent : HttpContent
    {
        protected override Task SerializeToStreamAsync(System.IO.Stream stream, TransportContext? context) =>
            Task.FromException(new System.IO.IOException("The response ended prematurely."));

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
