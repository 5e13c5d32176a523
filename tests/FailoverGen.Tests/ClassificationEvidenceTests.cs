using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace FailoverGen.Tests;

/// <summary>
/// Each source of evidence, and how it may refine a weaker one: message-only errors, text that narrows a 429 or a
/// catch-all code, gateway errors read through to the upstream, wrapped cancellations, errors inside streams.
/// </summary>
public sealed class ClassificationEvidenceTests
{
    private static FailoverReason ReasonOf(int? status, string body) =>
        FailoverErrors.Classify(status is int s ? ProviderErrors.FromResponse(s, null, body) : new ProviderException(body)).Reason;

    [Theory]
    [InlineData("Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.", FailoverReason.Billing)]
    [InlineData("rate limit exceeded", FailoverReason.RateLimit)]
    [InlineData("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}", FailoverReason.Overloaded)]
    [InlineData("Error code: 429 - {'error': {'message': 'Rate limit reached', 'type': 'requests'}}", FailoverReason.RateLimit)]
    [InlineData("An error occurred (ThrottlingException) when calling the Converse operation: Too many tokens, please wait", FailoverReason.RateLimit)]
    [InlineData("An error occurred (AccessDeniedException) when calling the InvokeModel operation", FailoverReason.Auth)]
    public void MessageOnlyError_IsClassifiedFromItsText(string message, FailoverReason expected) =>
        Assert.Equal(expected, ReasonOf(null, message));

    [Fact]
    public void MessageWithoutAnyEvidence_StaysUnknown() =>
        Assert.Equal(FailoverReason.Unknown, ReasonOf(null, "Something went wrong"));

    [Theory]
    [InlineData("{\"error\":{\"message\":\"Your account is not active, please check your billing details on our website.\",\"type\":\"billing_not_active\"}}", FailoverReason.Billing)]
    [InlineData("{\"error\":{\"message\":\"Rate limit reached for model `llama-3.3-70b` on tokens per day (TPD): Limit 100000, Used 99800\",\"type\":\"tokens\",\"code\":\"rate_limit_exceeded\"}}", FailoverReason.Quota)]
    [InlineData("{\"error\":{\"message\":\"That model is currently overloaded with other requests.\",\"type\":\"server_error\"}}", FailoverReason.Overloaded)]
    [InlineData("{\"error\":{\"message\":\"Rate limit reached for gpt-4o on tokens per minute (TPM): Limit 30000\",\"code\":\"rate_limit_exceeded\"}}", FailoverReason.RateLimit)]
    public void TextNarrowsA429(string body, FailoverReason expected) =>
        Assert.Equal(expected, ReasonOf(429, body));

    [Theory]
    [InlineData(400, "{\"error\":{\"message\":\"Model Not Exist\",\"type\":\"invalid_request_error\"}}", FailoverReason.ModelNotFound)]
    [InlineData(400, "{\"error\":\"no models loaded\"}", FailoverReason.ModelNotFound)]
    [InlineData(404, "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"not here\"}}", FailoverReason.ModelNotFound)]
    [InlineData(422, "{\"error\":\"Input validation error: `inputs` tokens + `max_new_tokens` must be <= 4096. Given: 4000 `inputs` tokens and 512 `max_new_tokens`\"}", FailoverReason.ContextOverflow)]
    [InlineData(400, "{\"error\":{\"message\":\"Input is too long for requested model.\"}}", FailoverReason.ContextOverflow)]
    [InlineData(400, "{\"error\":{\"code\":\"data_inspection_failed\",\"message\":\"Input data may contain inappropriate content.\"}}", FailoverReason.ContentFilter)]
    [InlineData(400, "{\"error\":{\"code\":400,\"message\":\"User location is not supported for the API use.\",\"status\":\"FAILED_PRECONDITION\"}}", FailoverReason.Auth)]
    [InlineData(402, "{\"error\":{\"message\":\"quota\",\"type\":\"invalid_request_error\"}}", FailoverReason.Billing)]
    public void CatchAllCodesAndBadRequests_AreNarrowedButNeverOverruleASpecificStatus(int status, string body, FailoverReason expected) =>
        Assert.Equal(expected, ReasonOf(status, body));

    [Fact]
    public void GatewayError_IsReadThroughToTheUpstreamProvidersError()
    {
        const string body = "{\"error\":{\"message\":\"Provider returned error\",\"code\":400,\"metadata\":{\"raw\":\"{\\\"type\\\":\\\"error\\\",\\\"error\\\":{\\\"type\\\":\\\"invalid_request_error\\\",\\\"message\\\":\\\"prompt is too long: 210000 tokens > 200000 maximum\\\"}}\",\"provider_name\":\"Anthropic\"}}}";

        Assert.Equal(FailoverReason.ContextOverflow, ReasonOf(400, body));
    }

    [Fact]
    public void ErrorsArray_IsReadLikeASingleError()
    {
        ProviderException error = ProviderErrors.FromResponse(429, null, "{\"errors\":[{\"code\":3036,\"message\":\"Account limited: you have used up your daily free allocation of 10,000 neurons\"}],\"success\":false}");

        Assert.Contains("daily free allocation", error.Message, StringComparison.Ordinal);
        Assert.Equal(FailoverReason.Quota, FailoverErrors.Classify(error).Reason);
    }

    [Fact]
    public void ModelLoadingEstimate_IsTheRetryHint()
    {
        FailureClassification failure = FailoverErrors.Classify(
            ProviderErrors.FromResponse(503, null, "{\"error\":\"Model bigscience/bloom is currently loading\",\"estimated_time\":35.5}"));

        Assert.Equal(FailoverReason.Overloaded, failure.Reason);
        Assert.Equal(TimeSpan.FromSeconds(35.5), failure.RetryAfter);
    }

    [Fact]
    public void CancellationWrappingARateLimit_IsTheRateLimit()
    {
        var wrapped = new OperationCanceledException("canceled", ProviderErrors.FromResponse(429, null, "{\"error\":{\"message\":\"slow down\"}}"));

        FailureClassification failure = FailoverErrors.Classify(wrapped);

        Assert.Equal(FailoverReason.RateLimit, failure.Reason);
        Assert.Equal(429, failure.StatusCode);
    }

    [Fact]
    public void HttpClientTimeout_IsStillATimeout()
    {
        var timeout = new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout", new TimeoutException("timed out"));

        Assert.Equal(FailoverReason.Timeout, FailoverErrors.Classify(timeout).Reason);
    }

    [Theory]
    [InlineData("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}", FailoverReason.Overloaded, null)]
    [InlineData("data: {\"error\": {\"message\": \"The server had an error while processing your request.\", \"type\": \"server_error\"}}", FailoverReason.ServerError, null)]
    [InlineData("data: {\"id\":\"x\",\"choices\":[],\"error\":{\"code\":502,\"message\":\"Provider disconnected\"}}", FailoverReason.ServerError, 502)]
    [InlineData("{\"error\":{\"code\":503,\"message\":\"This model is currently experiencing high demand.\",\"status\":\"UNAVAILABLE\"}}", FailoverReason.Overloaded, 503)]
    public void ErrorInsideAStream_IsAProviderError(string eventText, FailoverReason expected, int? status)
    {
        ProviderException? error = ProviderErrors.FromStreamEvent(eventText);

        Assert.NotNull(error);
        Assert.Equal(status, error!.StatusCode);
        Assert.Equal(expected, FailoverErrors.Classify(error).Reason);
    }

    [Theory]
    [InlineData("data: {\"id\":\"x\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"delta\":{\"content\":\"rate limit\"}}]}")]
    [InlineData("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_delta\",\"text\":\"overloaded\"}}")]
    [InlineData("data: [DONE]")]
    [InlineData("The model is overloaded")]
    [InlineData("")]
    public void OrdinaryStreamEvents_AreNotErrors(string eventText)
    {
        Assert.Null(ProviderErrors.FromStreamEvent(eventText));
        ProviderErrors.ThrowIfStreamError(eventText);
    }

    [Fact]
    public void ThrowIfStreamError_ThrowsTheProvidersError() =>
        Assert.Throws<ProviderException>(() => ProviderErrors.ThrowIfStreamError("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow\"}}"));
}
