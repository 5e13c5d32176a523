using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using FailoverGen.Tests.Fakes;

namespace FailoverGen.Tests.Streaming;

/// <summary>
/// Streams under time limits: the first item per attempt, the silence between items, and the call's deadline. A
/// provider that says nothing is failed over after one bounded wait, never retried, and never waited on past the
/// limit even when it ignores its token. On a fake clock.
/// </summary>
public sealed class StreamTimeoutTests
{
    private readonly TestClock _clock = new();
    private readonly List<FailoverAttempt> _attempts = new();

    [Fact]
    public async Task ASilentProvider_IsFailedOverAtTheFirstItemLimit_AfterOneWait_NotRetried()
    {
        var primary = new GatedStreamer("primary");
        var fallback = new GatedStreamer("fallback", "a", "b").End();
        await using IAsyncEnumerator<string> stream = Stream(o => o.FirstItemTimeout = TimeSpan.FromSeconds(10), primary, fallback);

        ValueTask<bool> first = stream.MoveNextAsync();
        await _clock.WaitForTimersAsync(1);
        _clock.Advance(TimeSpan.FromSeconds(10));

        Assert.True(await first);
        Assert.Equal("fallback:a", stream.Current);
        Assert.Equal(1, primary.Starts);
        Assert.Equal(TimeSpan.FromSeconds(10), _clock.Elapsed);
        FailoverAttempt silent = Assert.Single(_attempts);
        Assert.Equal(FailoverReason.Timeout, silent.Reason);
        var timeout = Assert.IsType<FailoverStreamTimeoutException>(silent.Exception);
        Assert.Equal((TimeSpan.FromSeconds(10), 0), (timeout.Limit, timeout.ItemsReceived));
        await primary.Disposed;
    }

    [Fact]
    public async Task WithoutAFirstItemLimit_TheAttemptTimeoutIsTheLimit()
    {
        var primary = new GatedStreamer("primary");
        var fallback = new GatedStreamer("fallback", "a").End();
        await using IAsyncEnumerator<string> stream = Stream(o => o.AttemptTimeout = TimeSpan.FromSeconds(5), primary, fallback);

        ValueTask<bool> first = stream.MoveNextAsync();
        await _clock.WaitForTimersAsync(1);
        _clock.Advance(TimeSpan.FromSeconds(5));

        Assert.True(await first);
        Assert.Equal("fallback:a", stream.Current);
        Assert.Equal(1, primary.Starts);
    }

    [Fact]
    public async Task AProviderThatIgnoresItsToken_IsLeftBehindAtTheLimit_AndDisposedWhenItFinallyAnswers()
    {
        var primary = new GatedStreamer("primary") { IgnoresCancellation = true };
        var fallback = new GatedStreamer("fallback", "a").End();
        await using IAsyncEnumerator<string> stream = Stream(o => o.FirstItemTimeout = TimeSpan.FromSeconds(10), primary, fallback);

        ValueTask<bool> first = stream.MoveNextAsync();
        await _clock.WaitForTimersAsync(1);
        _clock.Advance(TimeSpan.FromSeconds(10));

        Assert.True(await first);
        Assert.Equal("fallback:a", stream.Current);
        Assert.False(primary.Disposed.IsCompleted);
        primary.End();
        await primary.Disposed;
    }

    [Fact]
    public async Task AStreamThatStallsAfterItems_EndsAtTheIdleLimit_SayingHowManyItemsCame()
    {
        var primary = new GatedStreamer("primary", "1", "2");
        await using IAsyncEnumerator<string> stream = Stream(o => o.StreamIdleTimeout = TimeSpan.FromSeconds(3), primary, new GatedStreamer("fallback", "a").End());
        Assert.True(await stream.MoveNextAsync());
        Assert.True(await stream.MoveNextAsync());

        ValueTask<bool> third = stream.MoveNextAsync();
        _clock.Advance(TimeSpan.FromSeconds(3));

        var interrupted = await Assert.ThrowsAsync<FailoverStreamInterruptedException>(async () => await third);
        Assert.Equal((FailoverReason.Timeout, 2), (interrupted.Reason, interrupted.ItemsYielded));
        var timeout = Assert.IsType<FailoverStreamTimeoutException>(interrupted.InnerException);
        Assert.Equal((TimeSpan.FromSeconds(3), 2), (timeout.Limit, timeout.ItemsReceived));
    }

    [Fact]
    public async Task TheIdleLimit_CountsOnlyWaitsForTheProvider_NotTheCallersOwnTime()
    {
        var primary = new GatedStreamer("primary", "1", "2", "3").End();
        await using IAsyncEnumerator<string> stream = Stream(o => o.StreamIdleTimeout = TimeSpan.FromSeconds(3), primary, new GatedStreamer("fallback").End());

        var items = new List<string>();
        while (await stream.MoveNextAsync())
        {
            items.Add(stream.Current);
            _clock.Advance(TimeSpan.FromSeconds(10));
        }

        Assert.Equal(new[] { "primary:1", "primary:2", "primary:3" }, items);
    }

    [Fact]
    public async Task AStallAfterItems_IsRestartedOnTheNextProvider_WhenRestartsAreOn()
    {
        var primary = new GatedStreamer("primary", "1");
        var fallback = new GatedStreamer("fallback", "a").End();
        await using IAsyncEnumerator<string> stream = Stream(
            o =>
            {
                o.StreamIdleTimeout = TimeSpan.FromSeconds(3);
                o.RestartStreamsOnFailure = true;
            },
            primary,
            fallback);
        Assert.True(await stream.MoveNextAsync());

        ValueTask<bool> next = stream.MoveNextAsync();
        _clock.Advance(TimeSpan.FromSeconds(3));

        Assert.True(await next);
        Assert.Equal("fallback:a", stream.Current);
    }

    [Fact]
    public async Task TheCallsDeadline_CoversTheWholeStream_AndIsNotRestartedAfter()
    {
        var primary = new GatedStreamer("primary", "1");
        var fallback = new GatedStreamer("fallback", "a").End();
        await using IAsyncEnumerator<string> stream = Stream(
            o =>
            {
                o.TotalRequestTimeout = TimeSpan.FromSeconds(30);
                o.RestartStreamsOnFailure = true;
            },
            primary,
            fallback);
        Assert.True(await stream.MoveNextAsync());

        ValueTask<bool> next = stream.MoveNextAsync();
        _clock.Advance(TimeSpan.FromSeconds(30));

        var interrupted = await Assert.ThrowsAsync<FailoverStreamInterruptedException>(async () => await next);
        Assert.Equal(FailoverReason.Timeout, interrupted.Reason);
        Assert.Contains("deadline", interrupted.InnerException!.Message, StringComparison.Ordinal);
        Assert.Equal(0, fallback.Starts);
    }

    [Fact]
    public async Task TheCallsDeadline_BeforeAnyFirstItem_EndsTheCallAsExhausted()
    {
        var primary = new GatedStreamer("primary") { IgnoresCancellation = true };
        await using IAsyncEnumerator<string> stream = Stream(o => o.TotalRequestTimeout = TimeSpan.FromSeconds(20), primary, new GatedStreamer("fallback"));

        ValueTask<bool> first = stream.MoveNextAsync();
        await _clock.WaitForTimersAsync(2);
        _clock.Advance(TimeSpan.FromSeconds(20));

        var exhausted = await Assert.ThrowsAsync<FallbackChainExhaustedException>(async () => await first);
        Assert.True(exhausted.DeadlineExceeded);
        Assert.Equal(TimeSpan.FromSeconds(20), _clock.Elapsed);
    }

    [Fact]
    public async Task AProvidersOwnAttemptTimeoutFromConfiguration_IsItsFirstItemLimit()
    {
        var primary = new GatedStreamer("primary");
        var fallback = new GatedStreamer("fallback", "a").End();
        var settings = new FailoverSettings
        {
            Providers = new Dictionary<string, FailoverProviderSettings> { ["primary"] = new() { AttemptTimeout = TimeSpan.FromSeconds(4) } },
        };
        FallbackChain<ITokenStreamer> chain = FallbackChain.Create<ITokenStreamer>()
            .WithTimeProvider(_clock)
            .Add("primary", primary)
            .Add("fallback", fallback)
            .Configure(o => o.AttemptTimeout = TimeSpan.FromSeconds(30))
            .UseSettings(new FixedSettings(settings), Microsoft.Extensions.Options.Options.DefaultName)
            .Build();
        await using IAsyncEnumerator<string> stream = chain.ExecuteStreamAsync("hello", static (p, s, ct) => p.StreamAsync(s, ct), FailoverPolicy.Default).GetAsyncEnumerator();

        ValueTask<bool> first = stream.MoveNextAsync();
        await _clock.WaitForTimersAsync(1);
        _clock.Advance(TimeSpan.FromSeconds(4));

        Assert.True(await first);
        Assert.Equal("fallback:a", stream.Current);
        Assert.Equal(TimeSpan.FromSeconds(4), _clock.Elapsed);
    }

    [Fact]
    public void StreamLimitsOutOfRange_AreRefusedWithTheirName()
    {
        Assert.Contains("FirstItemTimeout", Assert.Throws<ArgumentOutOfRangeException>(() => Stream(o => o.FirstItemTimeout = TimeSpan.Zero, new GatedStreamer("p"), new GatedStreamer("f"))).Message);
        Assert.Contains("StreamIdleTimeout", Assert.Throws<ArgumentOutOfRangeException>(() => Stream(o => o.StreamIdleTimeout = TimeSpan.FromDays(2), new GatedStreamer("p"), new GatedStreamer("f"))).Message);
    }

    private IAsyncEnumerator<string> Stream(Action<FallbackChainOptions> configure, GatedStreamer primary, GatedStreamer fallback)
    {
        FallbackChain<ITokenStreamer> chain = FallbackChain.Create<ITokenStreamer>()
            .WithTimeProvider(_clock)
            .Add("primary", primary)
            .Add("fallback", fallback)
            .Configure(o =>
            {
                o.MaxRetryAfterWait = TimeSpan.Zero;
                o.OnAttempt = attempt =>
                {
                    lock (_attempts)
                    {
                        _attempts.Add(attempt);
                    }
                };
                configure(o);
            })
            .Build();
        return chain.ExecuteStreamAsync("hello", static (p, s, ct) => p.StreamAsync(s, ct), FailoverPolicy.Default).GetAsyncEnumerator();
    }

    /// <summary>Settings that never change, as a monitor hands them to the chain.</summary>
    private sealed class FixedSettings(FailoverSettings settings) : Microsoft.Extensions.Options.IOptionsMonitor<FailoverSettings>
    {
        public FailoverSettings CurrentValue => settings;

        public FailoverSettings Get(string? name) => settings;

        public IDisposable? OnChange(Action<FailoverSettings, string?> listener) => null;
    }
}
