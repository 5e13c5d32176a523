using System;
using System.Threading;
using System.Threading.Tasks;
using FailoverGen.Tests.Fakes;
using Polly;
using Polly.Retry;

namespace FailoverGen.Tests;

/// <summary>The Polly.Core side of the engine: retry hints, per-attempt timeouts, the call deadline, user pipelines.</summary>
public sealed class ResilienceTests
{
    private readonly TestClock _clock = new();

    private static ProviderException RateLimited(double retryAfterSeconds) =>
        new("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(retryAfterSeconds));

    /// <summary>A request that never answers; it ends only when its token is cancelled.</summary>
    private static async Task<string> Hang(ProviderCall call)
    {
        await Task.Delay(Timeout.InfiniteTimeSpan, call.Token);
        return "unreachable";
    }

    [Fact]
    public async Task ShortRetryHint_WithNoOtherProviderAvailable_WaitsTheHintAndRetriesTheSameProvider()
    {
        var only = new ScriptedProvider("only", _clock).Throws(RateLimited(2)).Succeeds();
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.MaxRetryAfterWait = TimeSpan.FromSeconds(5), only);

        Task<string> call = chain.CompleteAsync();
        await _clock.AdvanceAfterTimerAsync(1, TimeSpan.FromSeconds(2));

        Assert.Equal(only.Reply, await call);
        Assert.Equal(TimeSpan.FromSeconds(2), _clock.SinceStart(only.Calls[1]));
    }

    [Fact]
    public async Task ShortRetryHint_WithAFallbackAvailable_FailsOverAtOnce()
    {
        var primary = new ScriptedProvider("primary", _clock).Throws(RateLimited(2));
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.MaxRetryAfterWait = TimeSpan.FromSeconds(5), primary, fallback);

        Task<string> call = chain.CompleteAsync();

        Assert.True(call.IsCompleted);
        Assert.Equal(fallback.Reply, await call);
        Assert.Single(primary.Calls);
    }

    [Fact]
    public async Task ShortRetryHint_OnTheLastProvider_AfterTheOthersFailedInThisCall_WaitsAndRetries()
    {
        var primary = new ScriptedProvider("primary", _clock).Throws(new ProviderException("no key", statusCode: 401));
        var last = new ScriptedProvider("last", _clock).Throws(RateLimited(1)).Succeeds();
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.MaxRetryAfterWait = TimeSpan.FromSeconds(5), primary, last);

        Task<string> call = chain.CompleteAsync();
        await _clock.AdvanceAfterTimerAsync(1, TimeSpan.FromSeconds(1));

        Assert.Equal(last.Reply, await call);
        Assert.Equal(2, last.CallCount);
    }

    [Fact]
    public async Task RetryHintLongerThanTheMaximumWait_IsNotWaitedOut_EvenWithNothingElseAvailable()
    {
        var only = new ScriptedProvider("only", _clock).Throws(RateLimited(10)).Succeeds();
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.MaxRetryAfterWait = TimeSpan.FromSeconds(5), only);

        var exhausted = await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => chain.CompleteAsync());

        Assert.Single(only.Calls);
        Assert.Equal(TimeSpan.FromSeconds(10), exhausted.Attempts[0].RetryAfter);
    }

    [Fact]
    public async Task TransientFailureWithALongRetryHint_IsNotRetriedOnTheSameProvider()
    {
        var primary = new ScriptedProvider("primary", _clock)
            .Throws(new ProviderException("unavailable", statusCode: 503, retryAfter: TimeSpan.FromSeconds(30)));
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.Retry.MaxRetryAttempts = 2, primary, fallback);

        Assert.Equal(fallback.Reply, await chain.CompleteAsync());
        Assert.Single(primary.Calls);
    }

    [Fact]
    public async Task AttemptTimeout_EndsAHangingRequest_AsTimeout_AndFailsOver()
    {
        var primary = new ScriptedProvider("primary", _clock).Then(Hang);
        var fallback = new ScriptedProvider("fallback", _clock);
        var attempts = new System.Collections.Generic.List<FailoverAttempt>();
        FallbackChain<IChatProvider> chain = TestChains.Build(
            _clock,
            o =>
            {
                o.AttemptTimeout = TimeSpan.FromSeconds(2);
                o.Retry.MaxRetryAttempts = 0;
                o.OnAttempt = attempts.Add;
            },
            primary,
            fallback);

        Task<string> call = chain.CompleteAsync();
        await _clock.AdvanceAfterTimerAsync(1, TimeSpan.FromSeconds(2));

        Assert.Equal(fallback.Reply, await call);
        Assert.Equal(FailoverReason.Timeout, Assert.Single(attempts).Reason);
        Assert.True(primary.Calls[0].Token.IsCancellationRequested, "the timed-out request's token must be cancelled");
    }

    [Fact]
    public async Task CallDeadline_EndsTheWalk_NamesWhatWasTried_AndDoesNotCoolTheProviderDown()
    {
        var primary = new ScriptedProvider("primary", _clock).Then(Hang).Succeeds();
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.TotalRequestTimeout = TimeSpan.FromSeconds(5), primary, fallback);

        Task<string> call = chain.CompleteAsync();
        await _clock.AdvanceAfterTimerAsync(1, TimeSpan.FromSeconds(5));
        var exhausted = await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => call);

        Assert.True(exhausted.DeadlineExceeded);
        Assert.StartsWith("Deadline reached after 1 of 2 providers: primary: timed out", exhausted.Message, StringComparison.Ordinal);
        Assert.Empty(fallback.Calls);
        Assert.Equal(primary.Reply, await chain.CompleteAsync());
    }

    [Fact]
    public async Task CallerCancellation_UnderADeadline_IsStillTheCallersCancellation()
    {
        var primary = new ScriptedProvider("primary", _clock).Then(Hang);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.TotalRequestTimeout = TimeSpan.FromSeconds(5), primary, new ScriptedProvider("fallback", _clock));
        using var cts = new CancellationTokenSource();

        Task<string> call = chain.CompleteAsync(cancellationToken: cts.Token);
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task UserPipeline_ReplacesTheBuiltInRetry_ForItsProvider()
    {
        var primary = new ScriptedProvider("primary", _clock).Throws(RateLimited(20)).Throws(RateLimited(20)).Succeeds();
        ResiliencePipeline retryEverything = new ResiliencePipelineBuilder { TimeProvider = _clock }
            .AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 2, Delay = TimeSpan.Zero })
            .Build();
        FallbackChain<IChatProvider> chain = FallbackChain.Create<IChatProvider>()
            .WithTimeProvider(_clock)
            .Add("primary", primary, retryEverything)
            .Add("fallback", new ScriptedProvider("fallback", _clock))
            .Build();

        Assert.Equal(primary.Reply, await chain.CompleteAsync());
        Assert.Equal(3, primary.CallCount);
    }

    [Theory]
    [InlineData(nameof(FallbackChainOptions.AttemptTimeout))]
    [InlineData(nameof(FallbackChainOptions.TotalRequestTimeout))]
    public void TimeoutsOutsidePollysRange_AreRejectedWithTheOptionsName(string option)
    {
        FallbackChainBuilder<IChatProvider> builder = FallbackChain.Create<IChatProvider>()
            .Add("a", new ScriptedProvider("a", _clock))
            .Configure(o =>
            {
                if (option == nameof(FallbackChainOptions.AttemptTimeout))
                {
                    o.AttemptTimeout = TimeSpan.FromMilliseconds(1);
                }
                else
                {
                    o.TotalRequestTimeout = TimeSpan.FromDays(2);
                }
            });

        var error = Assert.ThrowsAny<ArgumentException>(() => builder.Build());

        Assert.Contains(option, error.Message, StringComparison.Ordinal);
    }
}
