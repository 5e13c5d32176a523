using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading.Tasks;
using FailoverGen.Tests.Fakes;

namespace FailoverGen.Tests;

public sealed class ClassificationTests
{
    private readonly TestClock _clock = new();

    private static FailureClassification Classify(Exception exception)
    {
        Assert.True(DefaultFailoverClassifier.Instance.TryClassify(exception, out FailureClassification classification));
        return classification;
    }

    /// <summary>The reason the engine records for <paramref name="failure"/> on a single-provider chain.</summary>
    private async Task<FailoverAttempt> EngineAttemptFor(Exception failure, Action<FallbackChainOptions>? configure = null)
    {
        var only = new ScriptedProvider("only", _clock).Throws(failure);
        FallbackChain<IChatProvider> chain = TestChains.Build(
            _clock,
            o =>
            {
                o.Retry.MaxRetryAttempts = 0;
                configure?.Invoke(o);
            },
            only);
        var error = await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => chain.CompleteAsync());
        return Assert.Single(error.Attempts);
    }

    [Theory]
    [InlineData(400, FailoverReason.BadRequest)]
    [InlineData(401, FailoverReason.Auth)]
    [InlineData(402, FailoverReason.Billing)]
    [InlineData(403, FailoverReason.Auth)]
    [InlineData(404, FailoverReason.ModelNotFound)]
    [InlineData(408, FailoverReason.Timeout)]
    [InlineData(413, FailoverReason.BadRequest)]
    [InlineData(422, FailoverReason.BadRequest)]
    [InlineData(429, FailoverReason.RateLimit)]
    [InlineData(498, FailoverReason.Overloaded)]
    [InlineData(500, FailoverReason.ServerError)]
    [InlineData(502, FailoverReason.ServerError)]
    [InlineData(503, FailoverReason.Overloaded)]
    [InlineData(504, FailoverReason.Timeout)]
    [InlineData(521, FailoverReason.ServerError)]
    [InlineData(524, FailoverReason.Timeout)]
    [InlineData(529, FailoverReason.Overloaded)]
    public void StatusCode_MapsToItsDefaultReason(int status, FailoverReason expected)
    {
        Assert.Equal(expected, StatusCodeReasons.FromStatusCode(status));

        FailureClassification fromHttp = Classify(new HttpRequestException("x", null, (HttpStatusCode)status));
        Assert.Equal(expected, fromHttp.Reason);
        Assert.Equal(status, fromHttp.StatusCode);

        FailureClassification fromProvider = Classify(new ProviderException("x", statusCode: status));
        Assert.Equal(expected, fromProvider.Reason);
        Assert.Equal(status, fromProvider.StatusCode);
    }

    [Theory]
    [InlineData(429, FailoverReason.RateLimit)]
    [InlineData(402, FailoverReason.Billing)]
    [InlineData(529, FailoverReason.Overloaded)]
    [InlineData(504, FailoverReason.Timeout)]
    public async Task Engine_RecordsTheStatusCodesReason(int status, FailoverReason expected)
    {
        FailoverAttempt attempt = await EngineAttemptFor(new HttpRequestException("x", null, (HttpStatusCode)status));

        Assert.Equal(expected, attempt.Reason);
        Assert.Equal(status, attempt.StatusCode);
    }

    [Fact]
    public async Task InsufficientQuotaOn429_IsQuota()
    {
        var quota = new ProviderException("You exceeded your current quota", statusCode: 429, errorType: "insufficient_quota", errorCode: "insufficient_quota");

        Assert.Equal(FailoverReason.Quota, Classify(quota).Reason);
        Assert.Equal(FailoverReason.Quota, (await EngineAttemptFor(quota)).Reason);
    }

    [Fact]
    public async Task OverloadedErrorType_IsOverloaded_WhateverTheStatus()
    {
        var overloaded = new ProviderException("Overloaded", statusCode: 500, errorType: "overloaded_error");

        Assert.Equal(FailoverReason.Overloaded, Classify(overloaded).Reason);
        Assert.Equal(FailoverReason.Overloaded, (await EngineAttemptFor(overloaded)).Reason);
    }

    [Theory]
    [InlineData("rate_limit_exceeded", null, FailoverReason.RateLimit)]
    [InlineData(null, "rate_limit_error", FailoverReason.RateLimit)]
    [InlineData(null, "billing_error", FailoverReason.Billing)]
    [InlineData("context_length_exceeded", "invalid_request_error", FailoverReason.ContextOverflow)]
    [InlineData("content_filter", null, FailoverReason.ContentFilter)]
    [InlineData("model_not_found", null, FailoverReason.ModelNotFound)]
    [InlineData(null, "UNAVAILABLE", FailoverReason.Overloaded)]
    [InlineData(null, "DEADLINE_EXCEEDED", FailoverReason.Timeout)]
    public void ProviderErrorCodeOrType_WinsOverTheStatusCode(string? code, string? type, FailoverReason expected)
    {
        var error = new ProviderException("x", statusCode: 400, errorType: type, errorCode: code);

        FailureClassification classification = Classify(error);

        Assert.Equal(expected, classification.Reason);
        Assert.Equal(code ?? type, classification.ErrorCode);
    }

    [Fact]
    public void ExplicitReason_WinsOverEverything()
    {
        var error = new ProviderException("x", statusCode: 400, errorCode: "context_length_exceeded", reason: FailoverReason.Quota);

        Assert.Equal(FailoverReason.Quota, Classify(error).Reason);
    }

    [Fact]
    public void ProviderExceptionRetryHints_AreCarried()
    {
        DateTimeOffset at = new(2026, 1, 1, 0, 1, 0, TimeSpan.Zero);
        var error = new ProviderException("x", statusCode: 429, retryAfter: TimeSpan.FromSeconds(7), retryAt: at);

        FailureClassification classification = Classify(error);

        Assert.Equal(TimeSpan.FromSeconds(7), classification.RetryAfter);
        Assert.Equal(at, classification.RetryAt);
    }

    [Fact]
    public async Task HttpRequestExceptionWithoutStatus_AndInnerSocketException_IsNetwork()
    {
        var error = new HttpRequestException("Connection refused (api.example.com:443)", new SocketException((int)SocketError.ConnectionRefused));

        Assert.Equal(FailoverReason.Network, Classify(error).Reason);
        FailoverAttempt attempt = await EngineAttemptFor(error);
        Assert.Equal(FailoverReason.Network, attempt.Reason);
        Assert.Null(attempt.StatusCode);
    }

    [Fact]
    public void HttpRequestExceptionWithStatusOnlyInItsMessage_UsesThatStatus()
    {
        // What EnsureSuccessStatusCode() throws where HttpRequestException has no StatusCode property (netstandard2.0).
        var error = new HttpRequestException("Response status code does not indicate success: 429 (Too Many Requests).");

        FailureClassification classification = Classify(error);

        Assert.Equal(FailoverReason.RateLimit, classification.Reason);
        Assert.Equal(429, classification.StatusCode);
    }

    [Fact]
    public void SocketAndIOExceptions_AreNetwork()
    {
        Assert.Equal(FailoverReason.Network, Classify(new SocketException((int)SocketError.ConnectionReset)).Reason);
        Assert.Equal(FailoverReason.Network, Classify(new IOException("The response ended prematurely.")).Reason);
    }

    [Fact]
    public async Task TimeoutException_IsTimeout()
    {
        Assert.Equal(FailoverReason.Timeout, Classify(new TimeoutException()).Reason);
        Assert.Equal(FailoverReason.Timeout, (await EngineAttemptFor(new TimeoutException("slow"))).Reason);
    }

    [Fact]
    public void UnrelatedException_IsNotRecognised()
    {
        Assert.False(DefaultFailoverClassifier.Instance.TryClassify(new InvalidOperationException(), out _));
        Assert.False(DefaultFailoverClassifier.Instance.TryClassify(new ProviderException("no status, no code"), out _));
    }

    [Fact]
    public async Task WrappedException_IsClassifiedByItsInnerException()
    {
        var wrapped = new InvalidOperationException("sdk wrapper", new HttpRequestException("429", null, HttpStatusCode.TooManyRequests));

        FailoverAttempt attempt = await EngineAttemptFor(wrapped);

        Assert.Equal(FailoverReason.RateLimit, attempt.Reason);
        Assert.Same(wrapped, attempt.Exception);
    }

    [Fact]
    public async Task ProviderExceptionWithNothingToGoOn_IsClassifiedByItsInnerException()
    {
        var wrapped = new ProviderException("call failed", innerException: new SocketException((int)SocketError.HostNotFound));

        Assert.Equal(FailoverReason.Network, (await EngineAttemptFor(wrapped)).Reason);
    }

    [Fact]
    public async Task CustomClassifier_RunsBeforeTheBuiltInRules()
    {
        var badRequest = new HttpRequestException("x", null, HttpStatusCode.BadRequest);
        var custom = new RecordingClassifier(e => e is HttpRequestException ? new FailureClassification(FailoverReason.Overloaded, 400) : null);
        var primary = new ScriptedProvider("primary", _clock).Throws(badRequest);
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(
            _clock,
            o =>
            {
                o.Retry.MaxRetryAttempts = 0;
                o.Classifiers.Add(custom);
            },
            primary,
            fallback);

        Assert.Equal(fallback.Reply, await chain.CompleteAsync());
        Assert.Contains(badRequest, custom.Seen);
    }

    [Fact]
    public async Task CustomClassifierDeclining_LeavesTheBuiltInRulesInCharge()
    {
        var badRequest = new HttpRequestException("x", null, HttpStatusCode.BadRequest);
        var declining = new RecordingClassifier(_ => null);
        var primary = new ScriptedProvider("primary", _clock).Throws(badRequest);
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.Classifiers.Add(declining), primary, fallback);

        Assert.Same(badRequest, await Assert.ThrowsAsync<HttpRequestException>(() => chain.CompleteAsync()));
        Assert.NotEmpty(declining.Seen);
    }

    [Fact]
    public async Task ClassifierThatThrows_IsIgnored_AndTheChainStillFailsOver()
    {
        var throwing = new RecordingClassifier(_ => throw new InvalidOperationException("classifier bug"));
        var primary = new ScriptedProvider("primary", _clock).Throws(new ProviderException("slow down", statusCode: 429));
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.Classifiers.Add(throwing), primary, fallback);

        Assert.Equal(fallback.Reply, await chain.CompleteAsync());
        Assert.NotEmpty(throwing.Seen);
    }

    [Fact]
    public async Task ClassifiersAddedAfterBuild_AreNotUsed()
    {
        FallbackChainOptions? captured = null;
        var primary = new ScriptedProvider("primary", _clock).Throws(new HttpRequestException("x", null, HttpStatusCode.BadRequest));
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => captured = o, primary, fallback);
        captured!.Classifiers.Add(new RecordingClassifier(_ => new FailureClassification(FailoverReason.RateLimit)));

        await Assert.ThrowsAsync<HttpRequestException>(() => chain.CompleteAsync());
    }

    [Fact]
    public void Reasons_AreTransientOnlyWhenWorthRetrying()
    {
        Assert.True(FailoverReason.ServerError.IsTransient());
        Assert.True(FailoverReason.Timeout.IsTransient());
        Assert.True(FailoverReason.Network.IsTransient());
        Assert.True(FailoverReason.Overloaded.IsTransient());
        Assert.False(FailoverReason.RateLimit.IsTransient());
        Assert.False(FailoverReason.Quota.IsTransient());
        Assert.False(FailoverReason.Billing.IsTransient());
        Assert.False(FailoverReason.Auth.IsTransient());
        Assert.False(FailoverReason.Unknown.IsTransient());
    }

    private sealed class RecordingClassifier : IFailoverClassifier
    {
        private readonly Func<Exception, FailureClassification?> _rule;

        public RecordingClassifier(Func<Exception, FailureClassification?> rule) => _rule = rule;

        public System.Collections.Concurrent.ConcurrentBag<Exception> Seen { get; } = new();

        public bool TryClassify(Exception exception, out FailureClassification classification)
        {
            Seen.Add(exception);
            FailureClassification? result = _rule(exception);
            classification = result ?? default;
            return result is not null;
        }
    }
}
