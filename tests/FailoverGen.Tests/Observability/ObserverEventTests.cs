using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using FailoverGen.Tests.Fakes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace FailoverGen.Tests.Observability;

/// <summary>Observers receive every attempt, switch, cooldown, recovery and exhaustion, in the order they happen.</summary>
public sealed class ObserverEventTests
{
    private readonly TestClock _clock = new();

    [Fact]
    public async Task RateLimitedPrimary_ReportsEachAttemptTheCooldownAndTheSwitch()
    {
        var observer = new RecordingObserver();
        var primary = new ScriptedProvider("anthropic/claude-opus-4", _clock)
            .Throws(new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(20)));
        var fallback = new ScriptedProvider("openai/gpt-4o", _clock).Takes(_clock, TimeSpan.FromMilliseconds(300));
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.Observers.Add(observer), primary, fallback);

        await chain.CompleteAsync();

        Assert.Equal(
            new[]
            {
                "started anthropic/claude-opus-4 #1",
                "cooldown anthropic/claude-opus-4 until 00:00:20 (RateLimit)",
                "failed anthropic/claude-opus-4: rate limited (429, retry after 20 s)",
                "started openai/gpt-4o #2",
                "succeeded openai/gpt-4o #2 in 300 ms",
                "\u26A1 Switched to openai/gpt-4o (anthropic/claude-opus-4 rate limited, retry after 20 s)",
            },
            observer.Lines);
        AttemptFailed failed = observer.Single<AttemptFailed>();
        Assert.Equal(FailoverReason.RateLimit, failed.Attempt.Reason);
        Assert.Equal(429, failed.Attempt.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(20), failed.Attempt.RetryAfter);
        Assert.Equal("IChatProvider", failed.Chain);
        CooldownOpened cooldown = observer.Single<CooldownOpened>();
        Assert.Equal(429, cooldown.Evidence.StatusCode);
        Assert.Equal(_clock.Start.AddSeconds(20), cooldown.Until);
    }

    [Fact]
    public async Task CoolingPrimary_IsReportedSkippedThenProbedAndRecovered()
    {
        var observer = new RecordingObserver();
        var primary = new ScriptedProvider("primary", _clock)
            .Throws(new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(20)))
            .Succeeds();
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.Observers.Add(observer), primary, fallback);

        await chain.CompleteAsync();
        await chain.CompleteAsync();
        _clock.Advance(TimeSpan.FromSeconds(20));
        await chain.CompleteAsync();

        string[] second = observer.Lines.Skip(6).ToArray();
        Assert.Equal(
            new[]
            {
                "skipped primary: skipped, cooling down 20 s (rate limited)",
                "started fallback #1",
                "succeeded fallback #1 in 0 ms",
                "\u26A1 Switched to fallback (primary cooling down)",
                "started primary #1 probe",
                "recovered primary by probe",
                "succeeded primary #1 in 0 ms",
            },
            second);
    }

    [Fact]
    public async Task EveryProviderFailing_ReportsTheExhaustion()
    {
        var observer = new RecordingObserver();
        var a = new ScriptedProvider("a", _clock).Throws(new ProviderException("down", statusCode: 503));
        var b = new ScriptedProvider("b", _clock).Throws(new ProviderException("down", statusCode: 502));
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o =>
        {
            o.Retry.MaxRetryAttempts = 0;
            o.Observers.Add(observer);
        }, a, b);

        FallbackChainExhaustedException thrown = await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => chain.CompleteAsync());

        Assert.Same(thrown, observer.Single<ChainExhausted>().Exception);
        Assert.Equal("exhausted after 2", observer.Lines[^1]);
    }

    [Fact]
    public async Task ThrowingObserver_NeverBreaksACall_AndIsLoggedOnce()
    {
        var logs = new FakeLogCollector();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(logs)));
        var after = new RecordingObserver();
        var primary = new ScriptedProvider("primary", _clock).Throws(new ProviderException("down", statusCode: 503));
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o =>
        {
            o.Retry.MaxRetryAttempts = 0;
            o.LoggerFactory = loggers;
            o.Observers.Add(new ThrowingObserver());
            o.Observers.Add(after);
        }, primary, fallback);

        Assert.Equal(fallback.Reply, await chain.CompleteAsync());
        Assert.Equal(fallback.Reply, await chain.CompleteAsync());

        FakeLogRecord logged = Assert.Single(logs.GetSnapshot(), r => r.Id.Id == 1900);
        Assert.Equal(LogLevel.Error, logged.Level);
        Assert.IsType<InvalidOperationException>(logged.Exception);
        Assert.Contains(typeof(ThrowingObserver).FullName!, logged.Message);
        Assert.Contains("started fallback #2", after.Lines);
    }

    [Fact]
    public async Task Stream_IsReportedWhenItEnds_WithTimeToFirstItemAndTotal()
    {
        var observer = new RecordingObserver();
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.Observers.Add(observer), new ScriptedProvider("streamer", _clock));

        var received = new List<string>();
        await foreach (string item in chain.ExecuteStreamAsync(_clock, static (_, clock, ct) => Tokens(clock, ct), FailoverPolicy.Default))
        {
            received.Add(item);
        }

        AttemptSucceeded done = observer.Single<AttemptSucceeded>();
        Assert.Equal(3, received.Count);
        Assert.Equal(TimeSpan.FromMilliseconds(400), done.TimeToFirstItem);
        Assert.Equal(TimeSpan.FromMilliseconds(600), done.Duration);
        Assert.Equal(3, done.Items);
    }

    [Fact]
    public async Task StreamCutAfterItems_IsReportedFailedWithTheItemsDelivered()
    {
        var observer = new RecordingObserver();
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.Observers.Add(observer), new ScriptedProvider("streamer", _clock));

        int received = 0;
        await Assert.ThrowsAsync<FailoverStreamInterruptedException>(async () =>
        {
            await foreach (string item in chain.ExecuteStreamAsync(_clock, static (_, clock, ct) => CutAfterTwo(clock, ct), FailoverPolicy.Default))
            {
                received++;
            }
        });

        AttemptFailed failed = observer.Single<AttemptFailed>();
        Assert.Equal(2, failed.ItemsDelivered);
        Assert.Equal(FailoverReason.Network, failed.Attempt.Reason);
        Assert.Empty(observer.Events.OfType<AttemptSucceeded>());
    }

    private static async IAsyncEnumerable<string> Tokens(TestClock clock, [EnumeratorCancellation] CancellationToken ct)
    {
        await Task.Yield();
        clock.Advance(TimeSpan.FromMilliseconds(400));
        yield return "a";
        clock.Advance(TimeSpan.FromMilliseconds(100));
        yield return "b";
        clock.Advance(TimeSpan.FromMilliseconds(100));
        yield return "c";
    }

    private static async IAsyncEnumerable<string> CutAfterTwo(TestClock clock, [EnumeratorCancellation] CancellationToken ct)
    {
        await Task.Yield();
        yield return "a";
        yield return "b";
        throw new System.Net.Http.HttpRequestException("connection reset", new System.IO.IOException("reset"));
    }

    private sealed class ThrowingObserver : FailoverObserver
    {
        public override void OnAttemptStarted(AttemptStarted e) => throw new InvalidOperationException("dashboard is down");
    }
}
