using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using FailoverGen.Tests.Fakes;

namespace FailoverGen.Tests;

public sealed class ExhaustionTests
{
    private readonly TestClock _clock = new();

    [Fact]
    public async Task AllProvidersFail_MessageNamesEveryProviderWithReasonStatusAndRetryHint()
    {
        var gemini = new ScriptedProvider("google/gemini-2.5-flash", _clock)
            .Throws(new ProviderException("quota", statusCode: 429, retryAfter: TimeSpan.FromSeconds(20)));
        var claude = new ScriptedProvider("anthropic/claude-haiku-4-5", _clock)
            .Throws(new ProviderException("Overloaded", statusCode: 529, errorType: "overloaded_error"));
        var deepseek = new ScriptedProvider("deepseek/deepseek-chat", _clock)
            .Throws(new HttpRequestException("unauthorized", null, HttpStatusCode.Unauthorized));
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.Retry.MaxRetryAttempts = 0, gemini, claude, deepseek);

        var error = await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => chain.CompleteAsync());

        Assert.Equal(
            "All 3 providers failed: google/gemini-2.5-flash: rate limited (429, retry after 20 s); "
            + "anthropic/claude-haiku-4-5: overloaded (529); deepseek/deepseek-chat: authentication failed (401)",
            error.Message);
    }

    [Fact]
    public async Task AllProvidersFail_AttemptsHaveOneEntryPerProvider_AndInnerExceptionsHoldEveryError()
    {
        var rateLimited = new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(20));
        var overloaded = new ProviderException("Overloaded", statusCode: 529, errorType: "overloaded_error");
        var unauthorized = new HttpRequestException("unauthorized", null, HttpStatusCode.Unauthorized);
        var first = new ScriptedProvider("first", _clock).Throws(rateLimited);
        var second = new ScriptedProvider("second", _clock).Throws(overloaded);
        var third = new ScriptedProvider("third", _clock).Throws(unauthorized);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.Retry.MaxRetryAttempts = 0, first, second, third);

        var error = await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => chain.CompleteAsync());

        Assert.Collection(
            error.Attempts,
            a =>
            {
                Assert.Equal(("first", 0, FailoverAttemptOutcome.Failed), (a.ProviderName, a.ProviderIndex, a.Outcome));
                Assert.Equal(FailoverReason.RateLimit, a.Reason);
                Assert.Equal(429, a.StatusCode);
                Assert.Equal(TimeSpan.FromSeconds(20), a.RetryAfter);
                Assert.Equal(1, a.Requests);
                Assert.Same(rateLimited, a.Exception);
            },
            a =>
            {
                Assert.Equal(("second", 1, FailoverAttemptOutcome.Failed), (a.ProviderName, a.ProviderIndex, a.Outcome));
                Assert.Equal(FailoverReason.Overloaded, a.Reason);
                Assert.Equal(529, a.StatusCode);
                Assert.Null(a.RetryAfter);
                Assert.Same(overloaded, a.Exception);
            },
            a =>
            {
                Assert.Equal(("third", 2, FailoverAttemptOutcome.Failed), (a.ProviderName, a.ProviderIndex, a.Outcome));
                Assert.Equal(FailoverReason.Auth, a.Reason);
                Assert.Equal(401, a.StatusCode);
                Assert.Same(unauthorized, a.Exception);
            });
        Assert.Equal(new Exception[] { rateLimited, overloaded, unauthorized }, error.InnerExceptions);
        Assert.False(error.Attempts[0].WasSkipped);
    }

    [Fact]
    public async Task SingleProviderChain_SaysOneProviderFailed()
    {
        var only = new ScriptedProvider("only", _clock).Throws(new ProviderException("bad key", statusCode: 403));
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, only);

        var error = await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => chain.CompleteAsync());

        Assert.Equal("All 1 provider failed: only: authentication failed (403)", error.Message);
    }

    [Fact]
    public async Task EveryProviderCoolingDown_StillMakesARealRequestToTheOneWhoseCooldownEndsFirst()
    {
        var first = new ScriptedProvider("first", _clock)
            .Throws(new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(30)));
        var second = new ScriptedProvider("second", _clock)
            .Throws(new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(10)))
            .Succeeds();
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, first, second);
        await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => chain.CompleteAsync());
        _clock.Advance(TimeSpan.FromSeconds(2));

        string reply = await chain.CompleteAsync();

        Assert.Equal(second.Reply, reply);
        Assert.Single(first.Calls);
        Assert.Equal(2, second.Calls.Count);
        Assert.Equal(TimeSpan.FromSeconds(2), _clock.SinceStart(second.Calls[1]));
    }

    [Fact]
    public async Task EveryProviderCoolingDown_ExhaustionSaysWhichWereSkipped()
    {
        var first = new ScriptedProvider("first", _clock)
            .Throws(new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(10)));
        var second = new ScriptedProvider("second", _clock)
            .Throws(new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(20)));
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, first, second);
        await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => chain.CompleteAsync());
        _clock.Advance(TimeSpan.FromSeconds(8));

        var error = await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => chain.CompleteAsync());

        Assert.Equal(2, first.Calls.Count);
        Assert.Single(second.Calls);
        Assert.Equal(
            "All 2 providers failed (1 tried, 1 skipped): first: rate limited (429, retry after 10 s); "
            + "second: skipped, cooling down 12 s (rate limited)",
            error.Message);
        FailoverAttempt skipped = error.Attempts[1];
        Assert.Equal(FailoverAttemptOutcome.SkippedCoolingDown, skipped.Outcome);
        Assert.True(skipped.WasSkipped);
        Assert.Equal(TimeSpan.FromSeconds(12), skipped.CooldownRemaining);
        Assert.Equal(FailoverReason.RateLimit, skipped.Reason);
        Assert.Equal(0, skipped.Requests);
        Assert.Null(skipped.Exception);
        Assert.Single(error.InnerExceptions);
    }

    [Fact]
    public async Task SkippedPrimaryAndFailedFallback_ListsBothInChainOrder()
    {
        var primary = new ScriptedProvider("primary", _clock)
            .Throws(new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(20)));
        var fallback = new ScriptedProvider("fallback", _clock)
            .Succeeds()
            .Throws(new ProviderException("no credit", statusCode: 402));
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary, fallback);
        await chain.CompleteAsync();
        _clock.Advance(TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => chain.CompleteAsync());

        Assert.Single(primary.Calls);
        Assert.Equal(
            "All 2 providers failed (1 tried, 1 skipped): primary: skipped, cooling down 15 s (rate limited); "
            + "fallback: out of credit (402)",
            error.Message);
    }

    [Fact]
    public async Task ExhaustionElapsed_CoversTheWholeCall()
    {
        var primary = new ScriptedProvider("primary", _clock).Throws(new ProviderException("internal", statusCode: 500));
        var fallback = new ScriptedProvider("fallback", _clock).Throws(new ProviderException("bad key", statusCode: 401));
        FallbackChain<IChatProvider> chain = TestChains.Build(
            _clock,
            o =>
            {
                o.Retry.MaxRetryAttempts = 1;
                o.Retry.Delay = TimeSpan.FromSeconds(4);
                o.Retry.UseJitter = false;
            },
            primary,
            fallback);

        Task<string> call = chain.CompleteAsync();
        _clock.Advance(TimeSpan.FromSeconds(4));
        var error = await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => call);

        Assert.Equal(TimeSpan.FromSeconds(4), error.Elapsed);
    }

    [Theory]
    [InlineData(250, "rate limited (429, retry after 250 ms)")]
    [InlineData(1_500, "rate limited (429, retry after 1.5 s)")]
    [InlineData(90_000, "rate limited (429, retry after 90 s)")]
    [InlineData(360_000, "rate limited (429, retry after 6 min)")]
    [InlineData(10_800_000, "quota exhausted (429, retry after 3 h)")]
    public async Task RetryHintInTheMessage_IsAShortDuration(int milliseconds, string expected)
    {
        var only = new ScriptedProvider("only", _clock)
            .Throws(new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromMilliseconds(milliseconds)));
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, only);

        var error = await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => chain.CompleteAsync());

        // A rate limit that lasts an hour or more is reported as the quota it is.
        Assert.Equal("All 1 provider failed: only: " + expected, error.Message);
    }
}
