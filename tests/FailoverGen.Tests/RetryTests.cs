using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using FailoverGen.Tests.Fakes;

namespace FailoverGen.Tests;

public sealed class RetryTests
{
    private readonly TestClock _clock = new();

    private static void NoJitter(FallbackChainOptions options, int maxAttempts, double baseDelaySeconds = 1)
    {
        options.Retry.MaxRetryAttempts = maxAttempts - 1;
        options.Retry.Delay = TimeSpan.FromSeconds(baseDelaySeconds);
        options.Retry.UseJitter = false;
    }

    public static TheoryData<Exception> NonTransientFailures() => new()
    {
        new ProviderException("rate limited", statusCode: 429, retryAfter: TimeSpan.FromSeconds(20)),
        new HttpRequestException("429", null, HttpStatusCode.TooManyRequests),
        new ProviderException("quota", statusCode: 429, errorCode: "insufficient_quota"),
        new ProviderException("billing", statusCode: 402),
        new ProviderException("bad key", statusCode: 401),
        new ProviderException("no model", statusCode: 404),
    };

    [Theory]
    [MemberData(nameof(NonTransientFailures))]
    public async Task NonTransientFailure_IsNotRetried_WhileAFallbackExists(Exception failure)
    {
        var primary = new ScriptedProvider("primary", _clock).Throws(failure);
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => NoJitter(o, maxAttempts: 3), primary, fallback);

        string reply = await chain.CompleteAsync();

        Assert.Equal(fallback.Reply, reply);
        Assert.Single(primary.Calls);
        Assert.Equal(0, _clock.TimersCreated);
    }

    [Fact]
    public async Task RateLimitedPrimary_IsCalledExactlyOnce_EvenWithThreeAttemptsPerProvider()
    {
        var primary = new ScriptedProvider("primary", _clock).Throws(new ProviderException("slow down", statusCode: 429));
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.Retry.MaxRetryAttempts = 2, primary, fallback);

        Task<string> call = chain.CompleteAsync();

        Assert.True(call.IsCompleted, "a rate limit must fail over at once, without waiting out a backoff");
        Assert.Equal(fallback.Reply, await call);
        Assert.Single(primary.Calls);
    }

    [Fact]
    public async Task TransientServerError_IsRetriedWithExponentialBackoff_ThenFailsOver()
    {
        var primary = new ScriptedProvider("primary", _clock).Throws(new ProviderException("unavailable", statusCode: 503));
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => NoJitter(o, maxAttempts: 3), primary, fallback);

        Task<string> call = chain.CompleteAsync();
        await _clock.AdvanceAfterTimerAsync(1, TimeSpan.FromSeconds(1));
        await _clock.AdvanceAfterTimerAsync(2, TimeSpan.FromSeconds(2));
        string reply = await call;

        Assert.Equal(fallback.Reply, reply);
        Assert.Equal(
            new[] { TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3) },
            primary.Calls.Select(_clock.SinceStart));
        Assert.Equal(TimeSpan.FromSeconds(3), _clock.SinceStart(Assert.Single(fallback.Calls)));
    }

    [Fact]
    public async Task FirstBackoffTimer_IsRegisteredBeforeExecuteAsyncReturns()
    {
        var primary = new ScriptedProvider("primary", _clock).Throws(new ProviderException("internal", statusCode: 500));
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => NoJitter(o, maxAttempts: 2), primary, fallback);

        Task<string> call = chain.CompleteAsync();

        Assert.False(call.IsCompleted);
        Assert.Equal(1, _clock.TimersCreated);
        _clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Single(primary.Calls);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(fallback.Reply, await call);
        Assert.Equal(2, primary.Calls.Count);
    }

    [Fact]
    public async Task RetriedProvider_RecordsEveryRequestAndTheTimeSpent()
    {
        var primary = new ScriptedProvider("primary", _clock).Throws(new HttpRequestException("500", null, HttpStatusCode.InternalServerError));
        var fallback = new ScriptedProvider("fallback", _clock).Throws(new ProviderException("bad key", statusCode: 401));
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => NoJitter(o, maxAttempts: 3), primary, fallback);

        Task<string> call = chain.CompleteAsync();
        await _clock.AdvanceAfterTimerAsync(1, TimeSpan.FromSeconds(1));
        await _clock.AdvanceAfterTimerAsync(2, TimeSpan.FromSeconds(2));
        var error = await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => call);

        FailoverAttempt first = error.Attempts[0];
        Assert.Equal(FailoverReason.ServerError, first.Reason);
        Assert.Equal(500, first.StatusCode);
        Assert.Equal(3, first.Requests);
        Assert.Equal(TimeSpan.FromSeconds(3), first.Elapsed);
        Assert.Equal(1, error.Attempts[1].Requests);
        Assert.Contains("primary: server error (500, 3 attempts)", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, primary.Calls.Count);
        Assert.Single(fallback.Calls);
    }

    [Fact]
    public async Task TransientFailureThenSuccess_StaysOnTheSameProvider()
    {
        var primary = new ScriptedProvider("primary", _clock)
            .Throws(new ProviderException("overloaded", statusCode: 529))
            .Succeeds();
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => NoJitter(o, maxAttempts: 2), primary, fallback);

        Task<string> call = chain.CompleteAsync();
        await _clock.AdvanceAfterTimerAsync(1, TimeSpan.FromSeconds(1));

        Assert.Equal(primary.Reply, await call);
        Assert.Empty(fallback.Calls);
        Assert.Equal(primary.Reply, await chain.CompleteAsync());
        Assert.Equal(3, primary.Calls.Count);
    }

    [Fact]
    public async Task RetryThatTurnsIntoARateLimit_FailsOverWithoutFurtherRetries()
    {
        var primary = new ScriptedProvider("primary", _clock)
            .Throws(new ProviderException("internal", statusCode: 500))
            .Throws(new ProviderException("slow down", statusCode: 429));
        var fallback = new ScriptedProvider("fallback", _clock).Throws(new ProviderException("bad key", statusCode: 403));
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => NoJitter(o, maxAttempts: 5), primary, fallback);

        Task<string> call = chain.CompleteAsync();
        await _clock.AdvanceAfterTimerAsync(1, TimeSpan.FromSeconds(1));
        var error = await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => call);

        Assert.Equal(2, primary.Calls.Count);
        Assert.Equal(FailoverReason.RateLimit, error.Attempts[0].Reason);
        Assert.Equal(2, error.Attempts[0].Requests);
        Assert.Equal(1, _clock.TimersCreated);
    }

    [Fact]
    public async Task BackoffDelay_IsCappedAtRetryMaxDelay()
    {
        var primary = new ScriptedProvider("primary", _clock).Throws(new ProviderException("timeout", statusCode: 504));
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(
            _clock,
            o =>
            {
                NoJitter(o, maxAttempts: 4);
                o.Retry.MaxDelay = TimeSpan.FromSeconds(1.5);
            },
            primary,
            fallback);

        Task<string> call = chain.CompleteAsync();
        await _clock.AdvanceAfterTimerAsync(1, TimeSpan.FromSeconds(1));
        await _clock.AdvanceAfterTimerAsync(2, TimeSpan.FromSeconds(1.5));
        await _clock.AdvanceAfterTimerAsync(3, TimeSpan.FromSeconds(1.5));
        await call;

        Assert.Equal(
            new[] { 0, 1, 2.5, 4 },
            primary.Calls.Select(c => _clock.SinceStart(c).TotalSeconds));
    }

    [Fact]
    public async Task MaxAttemptsOne_DisablesRetries()
    {
        var primary = new ScriptedProvider("primary", _clock).Throws(new ProviderException("unavailable", statusCode: 503));
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.Retry.MaxRetryAttempts = 0, primary, fallback);

        Task<string> call = chain.CompleteAsync();

        Assert.True(call.IsCompleted);
        Assert.Equal(fallback.Reply, await call);
        Assert.Single(primary.Calls);
    }

    [Fact]
    public async Task DefaultOptions_RetryATransientFailureOnce()
    {
        var primary = new ScriptedProvider("primary", _clock).Throws(new ProviderException("unavailable", statusCode: 503));
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.Retry.UseJitter = false, primary, fallback);

        Task<string> call = chain.CompleteAsync();
        await _clock.AdvanceAfterTimerAsync(1, TimeSpan.FromMilliseconds(500));

        Assert.Equal(fallback.Reply, await call);
        Assert.Equal(new[] { TimeSpan.Zero, TimeSpan.FromMilliseconds(500) }, primary.Calls.Select(_clock.SinceStart));
    }
}
