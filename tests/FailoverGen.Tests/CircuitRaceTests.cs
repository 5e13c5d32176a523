using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FailoverGen.Tests.Fakes;

namespace FailoverGen.Tests;

/// <summary>Cooldowns under concurrent traffic: requests already in flight when a provider starts failing.</summary>
public sealed class CircuitRaceTests
{
    private readonly TestClock _clock = new();

    [Fact]
    public async Task ManyConcurrentRateLimits_CountAsOneFailure_SoTheCooldownIsNotDoubledPerRequest()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool failing = true;
        var primary = new ScriptedProvider("primary", _clock).Then(async _ =>
        {
            await gate.Task;
            return Volatile.Read(ref failing) ? throw new ProviderException("slow down", statusCode: 429) : "recovered";
        });
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.Cooldowns.RateLimit = TimeSpan.FromSeconds(30), primary, fallback);

        Task<string>[] calls = Enumerable.Range(0, 10).Select(_ => chain.CompleteAsync()).ToArray();
        gate.SetResult();
        await Task.WhenAll(calls);
        Volatile.Write(ref failing, false);
        _clock.Advance(TimeSpan.FromSeconds(31));

        Assert.Equal("recovered", await chain.CompleteAsync());
    }

    [Fact]
    public async Task SlowSuccessThatStartedBeforeARateLimit_DoesNotCancelTheNewCooldown()
    {
        var slow = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var primary = new ScriptedProvider("primary", _clock)
            .Then(_ => slow.Task)
            .Throws(new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(60)));
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary, fallback);

        Task<string> inFlight = chain.CompleteAsync();
        Assert.Equal(fallback.Reply, await chain.CompleteAsync());
        slow.SetResult("late success");
        await inFlight;
        int primaryCalls = primary.CallCount;

        Assert.Equal(fallback.Reply, await chain.CompleteAsync());
        Assert.Equal(primaryCalls, primary.CallCount);
    }

    [Fact]
    public async Task TaskReturningCall_WithAnAlreadyCanceledToken_ReturnsACanceledTask()
    {
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, new ScriptedProvider("only", _clock));
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Task<string> call = chain.CompleteAsync(cancellationToken: cts.Token);

        Assert.True(call.IsCanceled);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task LateForcedSuccess_DoesNotCloseACooldownThatANewerFailureOpened()
    {
        var slow = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var primary = new ScriptedProvider("only", _clock)
            .Throws(new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(60)))
            .Then(_ => slow.Task)
            .Throws(new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(60)))
            .Succeeds();
        var attempts = new List<FailoverAttempt>();
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.OnAttempt = attempts.Add, primary);

        await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => chain.CompleteAsync());
        Task<string> forced = chain.CompleteAsync();
        await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => chain.CompleteAsync());
        slow.SetResult("late success");
        Assert.Equal("late success", await forced);
        attempts.Clear();

        await chain.CompleteAsync();

        Assert.Contains(attempts, a => a.Outcome == FailoverAttemptOutcome.SkippedCoolingDown);
    }
}
