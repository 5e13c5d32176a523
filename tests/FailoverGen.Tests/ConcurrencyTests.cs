using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FailoverGen.Tests.Fakes;

namespace FailoverGen.Tests;

public sealed class ConcurrencyTests
{
    private const int Calls = 200;

    /// <summary>Only turns a hang into a failure; the calls finish in milliseconds.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);
    private readonly TestClock _clock = new();

    /// <summary>Runs <see cref="Calls"/> chain calls on thread-pool threads at once, some of them also moving the clock.</summary>
    private async Task<(string? Reply, Exception? Error)[]> RunInParallel(FallbackChain<IChatProvider> chain, bool advanceClock)
    {
        using var start = new ManualResetEventSlim(false);
        Task<(string?, Exception?)>[] calls = Enumerable.Range(0, Calls).Select(i => Task.Run(async () =>
        {
            start.Wait();
            if (advanceClock && i % 10 == 0)
            {
                _clock.Advance(TimeSpan.FromSeconds(7));
            }

            try
            {
                return ((string?)await chain.CompleteAsync("call " + i), (Exception?)null);
            }
            catch (Exception ex)
            {
                return (null, ex);
            }
        })).ToArray();
        start.Set();
        return await Task.WhenAll(calls).WaitAsync(HangGuard);
    }

    /// <summary>The failing (odd) calls of the flapping primary alternate between 503 and 429.</summary>
    private static Exception Flap(ProviderCall call) => call.Number % 4 == 1
        ? new ProviderException("unavailable", statusCode: 503)
        : new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(5));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FlappingPrimaryAndHealthyFallback_EveryParallelCallReturnsAValue(bool advanceClock)
    {
        var primary = new ScriptedProvider("primary", _clock).Then(call =>
            call.Number % 2 == 0 ? Task.FromResult("reply from primary") : Task.FromException<string>(Flap(call)));
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.Retry.MaxRetryAttempts = 0, primary, fallback);

        (string? Reply, Exception? Error)[] results = await RunInParallel(chain, advanceClock);

        Assert.All(results, r => Assert.Null(r.Error));
        Assert.All(results, r => Assert.Contains(r.Reply, new[] { primary.Reply, fallback.Reply }));
        int primarySuccesses = primary.Calls.Count(c => c.Number % 2 == 0);
        Assert.Equal(primarySuccesses, results.Count(r => r.Reply == primary.Reply));
        Assert.Equal(Calls - primarySuccesses, fallback.CallCount);
        Assert.True(primary.CallCount >= 1);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EverythingSometimesFails_OnlyExhaustionIsEverThrown_AndEveryExhaustionMadeARealRequest(bool advanceClock)
    {
        var primary = new ScriptedProvider("primary", _clock).Then(call => (call.Number % 4) switch
        {
            0 => Task.FromResult("reply from primary"),
            1 => Task.FromException<string>(new ProviderException("unavailable", statusCode: 503)),
            2 => Task.FromException<string>(new ProviderException("slow down", statusCode: 429)),
            _ => Task.FromException<string>(new IOException("connection reset")),
        });
        var fallback = new ScriptedProvider("fallback", _clock).Then(call => (call.Number % 3) switch
        {
            0 => Task.FromResult("reply from fallback"),
            1 => Task.FromException<string>(new TaskCanceledException("timed out")),
            _ => Task.FromException<string>(new InvalidOperationException("unrecognised")),
        });
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.Retry.MaxRetryAttempts = 0, primary, fallback);

        (string? Reply, Exception? Error)[] results = await RunInParallel(chain, advanceClock);

        Assert.All(results.Where(r => r.Error is not null), r =>
        {
            var exhausted = Assert.IsType<FallbackChainExhaustedException>(r.Error);
            Assert.Equal(2, exhausted.Attempts.Count);
            Assert.Contains(exhausted.Attempts, a => !a.WasSkipped && a.Requests == 1 && a.Exception is not null);
            Assert.NotEmpty(exhausted.InnerExceptions);
        });
        Assert.All(results.Where(r => r.Error is null), r => Assert.Contains(r.Reply, new[] { primary.Reply, fallback.Reply }));
        Assert.Contains(results, r => r.Error is not null);
        Assert.True(primary.CallCount + fallback.CallCount >= Calls, "every call made at least one real request");
    }

    [Fact]
    public async Task ParallelCallsOnAHealthyChain_AllGoToThePrimary()
    {
        var primary = new ScriptedProvider("primary", _clock);
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary, fallback);

        (string? Reply, Exception? Error)[] results = await RunInParallel(chain, advanceClock: false);

        Assert.All(results, r => Assert.Equal(primary.Reply, r.Reply));
        Assert.Equal(Calls, primary.CallCount);
        Assert.Equal(Calls, primary.Calls.Select(c => c.Prompt).Distinct().Count());
        Assert.Empty(fallback.Calls);
    }

    [Fact]
    public async Task ParallelCallsAfterTheCooldown_ProbeThePrimaryOnlyOnce()
    {
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var primary = new ScriptedProvider("primary", _clock)
            .Throws(new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(10)))
            .Then(_ => release.Task);
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary, fallback);
        await chain.CompleteAsync();
        _clock.Advance(TimeSpan.FromSeconds(10));

        Task<string> probe = chain.CompleteAsync();
        (string? Reply, Exception? Error)[] others = await RunInParallel(chain, advanceClock: false);
        release.SetResult("probe ok");

        Assert.Equal("probe ok", await probe);
        Assert.All(others, r => Assert.Equal(fallback.Reply, r.Reply));
        Assert.Equal(2, primary.CallCount);
    }
}
