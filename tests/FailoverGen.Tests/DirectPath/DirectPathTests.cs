using System;
using System.Linq;
using System.Threading.Tasks;
using FailoverGen.Tests.Fakes;

namespace FailoverGen.Tests.DirectPath;

/// <summary>
/// A healthy primary is called without the walk; whatever happens to that request afterwards (it is still running, it
/// fails, it is worth a retry) is handled exactly as the walk would have handled it.
/// </summary>
public sealed class DirectPathTests
{
    private readonly TestClock _clock = new();

    [Fact]
    public async Task CompletedRequest_IsReturnedAsTheProviderReturnedIt()
    {
        var answer = Task.FromResult("cached");
        var primary = new ScriptedProvider("primary", _clock).Then(_ => answer);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary, new ScriptedProvider("fallback", _clock));

        Task<string> call = chain.CompleteAsync();

        Assert.Same(answer, call);
        Assert.Equal("cached", await call);
        Assert.Equal(1, chain.GetHealth().Providers[0].TotalSuccesses);
    }

    [Fact]
    public async Task PendingRequestThatFails_FailsOverAndIsReportedOnce()
    {
        var release = new TaskCompletionSource<bool>();
        var primary = new ScriptedProvider("primary", _clock).Then(async _ =>
        {
            await release.Task;
            throw new ProviderException("slow down", statusCode: 429);
        });
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary, fallback);

        Task<string> call = chain.CompleteAsync();
        release.SetResult(true);
        string reply = await call;

        Assert.Equal(fallback.Reply, reply);
        Assert.Equal(1, primary.CallCount);
        Assert.Equal(ProviderState.CoolingDown, chain.GetHealth().Providers[0].State);
    }

    [Fact]
    public async Task TransientFailure_IsRetriedThroughThePipeline_WithoutRepeatingTheFirstRequest()
    {
        var primary = new ScriptedProvider("primary", _clock)
            .Throws(new ProviderException("unavailable", statusCode: 503))
            .Throws(new ProviderException("unavailable", statusCode: 503));
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(
            _clock,
            o =>
            {
                o.Retry.MaxRetryAttempts = 1;
                o.Retry.Delay = TimeSpan.Zero;
                o.Retry.MaxDelay = TimeSpan.Zero;
            },
            primary,
            fallback);

        var exhausted = await Assert.ThrowsAsync<FallbackChainExhaustedException>(() =>
        {
            fallback.Throws(new ProviderException("unavailable", statusCode: 503));
            return chain.CompleteAsync();
        });

        Assert.Equal(2, primary.CallCount);
        Assert.Equal(2, exhausted.Attempts.First(a => a.ProviderName == "primary").Requests);
    }

    [Fact]
    public async Task CancelledCaller_NeverTakesTheDirectPath()
    {
        var primary = new ScriptedProvider("primary", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary);
        using var cancelled = new System.Threading.CancellationTokenSource();
        cancelled.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => chain.CompleteAsync(cancellationToken: cancelled.Token));

        Assert.Equal(0, primary.CallCount);
    }
}
