using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using FailoverGen.Tests.Fakes;

namespace FailoverGen.Tests;

/// <summary>Streaming members fail over only until the first item reaches the caller.</summary>
public sealed class StreamingTests
{
    private readonly TestClock _clock = new();

    public interface IStreamer
    {
        IAsyncEnumerable<string> StreamAsync(string prompt, CancellationToken cancellationToken);
    }

    /// <summary>Yields its items, then throws <see cref="FailAfter"/>'s error after that many items (if set).</summary>
    private sealed class FakeStreamer(string name, params string[] items) : IStreamer
    {
        public Exception? Error { get; init; }

        public int FailAfter { get; init; } = -1;

        public int FailuresBeforeFirstItem { get; set; }

        public int Starts { get; private set; }

        public bool Disposed { get; private set; }

        public CancellationToken ReceivedToken { get; private set; }

        public async IAsyncEnumerable<string> StreamAsync(string prompt, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            Starts++;
            ReceivedToken = cancellationToken;
            try
            {
                await Task.Yield();
                if (FailuresBeforeFirstItem > 0)
                {
                    FailuresBeforeFirstItem--;
                    throw Error!;
                }

                for (int i = 0; i < items.Length; i++)
                {
                    if (i == FailAfter)
                    {
                        throw Error!;
                    }

                    cancellationToken.ThrowIfCancellationRequested();
                    yield return name + ":" + items[i];
                }
            }
            finally
            {
                Disposed = true;
            }
        }
    }

    private FallbackChain<IStreamer> Chain(Action<FallbackChainOptions>? configure, params (string Name, IStreamer Streamer)[] providers)
    {
        FallbackChainBuilder<IStreamer> builder = FallbackChain.Create<IStreamer>().WithTimeProvider(_clock).Configure(o =>
        {
            o.Retry.Delay = TimeSpan.Zero;
            o.Retry.MaxDelay = TimeSpan.Zero;
            configure?.Invoke(o);
        });
        foreach ((string name, IStreamer streamer) in providers)
        {
            builder.Add(name, streamer);
        }

        return builder.Build();
    }

    private static IAsyncEnumerable<string> Stream(FallbackChain<IStreamer> chain, CancellationToken cancellationToken = default) =>
        chain.ExecuteStreamAsync("prompt", static (p, s, t) => p.StreamAsync(s, t), FailoverPolicy.Default, cancellationToken);

    private static async Task<List<string>> ReadAll(IAsyncEnumerable<string> stream, CancellationToken cancellationToken = default)
    {
        var items = new List<string>();
        await foreach (string item in stream.WithCancellation(cancellationToken))
        {
            items.Add(item);
        }

        return items;
    }

    private static ProviderException RateLimited() => new("slow down", statusCode: 429);

    [Fact]
    public async Task FailureBeforeTheFirstItem_FailsOverToTheNextProvidersStream()
    {
        var primary = new FakeStreamer("primary", "a", "b") { Error = RateLimited(), FailAfter = 0 };
        var fallback = new FakeStreamer("fallback", "x", "y", "z");

        List<string> items = await ReadAll(Stream(Chain(null, ("primary", primary), ("fallback", fallback))));

        Assert.Equal(new[] { "fallback:x", "fallback:y", "fallback:z" }, items);
        Assert.True(primary.Disposed);
    }

    [Fact]
    public async Task FailureAfterItemsReachedTheCaller_IsAnExplicitInterruption_NotASilentTruncation()
    {
        var primary = new FakeStreamer("primary", "a", "b", "c") { Error = new ProviderException("overloaded", statusCode: 529), FailAfter = 2 };
        var fallback = new FakeStreamer("fallback", "x");
        var received = new List<string>();

        var error = await Assert.ThrowsAsync<FailoverStreamInterruptedException>(async () =>
        {
            await foreach (string item in Stream(Chain(null, ("primary", primary), ("fallback", fallback))))
            {
                received.Add(item);
            }
        });

        Assert.Equal(new[] { "primary:a", "primary:b" }, received);
        Assert.Equal("primary", error.ProviderName);
        Assert.Equal(2, error.ItemsYielded);
        Assert.Equal(FailoverReason.Overloaded, error.Reason);
        Assert.Contains("failed after 2 items", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, fallback.Starts);
        Assert.True(primary.Disposed);
    }

    [Fact]
    public async Task RestartOptIn_ContinuesWithTheNextProvidersFullStream()
    {
        var primary = new FakeStreamer("primary", "a", "b", "c") { Error = new ProviderException("overloaded", statusCode: 529), FailAfter = 1 };
        var fallback = new FakeStreamer("fallback", "x", "y");
        var attempts = new List<FailoverAttempt>();

        List<string> items = await ReadAll(Stream(Chain(
            o =>
            {
                o.RestartStreamsOnFailure = true;
                o.OnAttempt = attempts.Add;
            },
            ("primary", primary),
            ("fallback", fallback))));

        Assert.Equal(new[] { "primary:a", "fallback:x", "fallback:y" }, items);
        Assert.Equal(FailoverReason.Overloaded, Assert.Single(attempts).Reason);
    }

    [Fact]
    public async Task BrokenStream_PutsItsProviderInCooldown()
    {
        var primary = new FakeStreamer("primary", "a", "b") { Error = RateLimited(), FailAfter = 1 };
        var fallback = new FakeStreamer("fallback", "x");
        FallbackChain<IStreamer> chain = Chain(null, ("primary", primary), ("fallback", fallback));
        await Assert.ThrowsAsync<FailoverStreamInterruptedException>(() => ReadAll(Stream(chain)));

        List<string> next = await ReadAll(Stream(chain));

        Assert.Equal(new[] { "fallback:x" }, next);
        Assert.Equal(1, primary.Starts);
    }

    [Fact]
    public async Task TransientFailureBeforeTheFirstItem_IsRetriedOnTheSameProvider()
    {
        var primary = new FakeStreamer("primary", "a") { Error = new HttpRequestException("reset"), FailuresBeforeFirstItem = 1 };
        var fallback = new FakeStreamer("fallback", "x");

        List<string> items = await ReadAll(Stream(Chain(o => o.Retry.MaxRetryAttempts = 1, ("primary", primary), ("fallback", fallback))));

        Assert.Equal(new[] { "primary:a" }, items);
        Assert.Equal(2, primary.Starts);
    }

    [Fact]
    public async Task EmptyStream_IsASuccess_NotAFailover()
    {
        var primary = new FakeStreamer("primary");
        var fallback = new FakeStreamer("fallback", "x");

        List<string> items = await ReadAll(Stream(Chain(null, ("primary", primary), ("fallback", fallback))));

        Assert.Empty(items);
        Assert.Equal(0, fallback.Starts);
    }

    [Fact]
    public async Task EveryProviderFailingBeforeItsFirstItem_EndsInTheExhaustionError()
    {
        var primary = new FakeStreamer("primary", "a") { Error = RateLimited(), FailAfter = 0 };
        var fallback = new FakeStreamer("fallback", "x") { Error = new ProviderException("down", statusCode: 503), FailAfter = 0 };

        var exhausted = await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => ReadAll(Stream(Chain(o => o.Retry.MaxRetryAttempts = 0, ("primary", primary), ("fallback", fallback)))));

        Assert.Equal("All 2 providers failed: primary: rate limited (429); fallback: overloaded (503)", exhausted.Message);
    }

    [Fact]
    public async Task CallersTokenAndEnumeratorToken_AreCombined_AndEitherCancelsTheProvidersStream()
    {
        var primary = new FakeStreamer("primary", "a", "b");
        using var methodToken = new CancellationTokenSource();
        using var enumeratorToken = new CancellationTokenSource();
        FallbackChain<IStreamer> chain = Chain(null, ("primary", primary), ("fallback", new FakeStreamer("fallback", "x")));

        await using IAsyncEnumerator<string> enumerator = Stream(chain, methodToken.Token).GetAsyncEnumerator(enumeratorToken.Token);
        Assert.True(await enumerator.MoveNextAsync());
        enumeratorToken.Cancel();

        Assert.True(primary.ReceivedToken.IsCancellationRequested);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await enumerator.MoveNextAsync());
    }

    [Fact]
    public async Task CallerCancellationBeforeTheFirstItem_IsRethrown_WithoutFailover()
    {
        var primary = new FakeStreamer("primary", "a");
        var fallback = new FakeStreamer("fallback", "x");
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ReadAll(Stream(Chain(null, ("primary", primary), ("fallback", fallback))), cts.Token));
        Assert.Equal(0, fallback.Starts);
    }

    [Fact]
    public async Task ConsumerStoppingEarly_DisposesTheProvidersStream()
    {
        var primary = new FakeStreamer("primary", "a", "b", "c");

        await foreach (string item in Stream(Chain(null, ("primary", primary), ("fallback", new FakeStreamer("fallback", "x")))))
        {
            break;
        }

        Assert.True(primary.Disposed);
    }

    /// <summary>A stream whose enumerator moves to its first item but cannot produce it: <c>Current</c> throws.</summary>
    private sealed class BrokenCurrentStreamer(Exception error) : IStreamer
    {
        public IAsyncEnumerable<string> StreamAsync(string prompt, CancellationToken cancellationToken) => new Enumerable(error);

        private sealed class Enumerable(Exception error) : IAsyncEnumerable<string>, IAsyncEnumerator<string>
        {
            public string Current => throw error;

            public IAsyncEnumerator<string> GetAsyncEnumerator(CancellationToken cancellationToken = default) => this;

            public ValueTask<bool> MoveNextAsync() => new(true);

            public ValueTask DisposeAsync() => default;
        }
    }

    [Fact]
    public async Task CurrentThrowingForTheFirstItem_FailsOver_BecauseNothingReachedTheCaller()
    {
        var fallback = new FakeStreamer("fallback", "x");

        List<string> items = await ReadAll(Stream(Chain(
            o => o.Retry.MaxRetryAttempts = 0,
            ("primary", new BrokenCurrentStreamer(new ProviderException("overloaded", statusCode: 529))),
            ("fallback", fallback))));

        Assert.Equal(new[] { "fallback:x" }, items);
    }

    [Fact]
    public async Task CallerCancellingMidStream_GetsItsOwnCancellation_NotTheProvidersError()
    {
        using var cts = new CancellationTokenSource();
        var providerError = new ProviderException("overloaded", statusCode: 529);
        var primary = new FakeStreamer("primary", "a", "b", "c") { Error = providerError, FailAfter = 1 };

        var canceled = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (string item in Stream(Chain(null, ("primary", primary)), cts.Token))
            {
                cts.Cancel();
            }
        });

        Assert.Equal(cts.Token, canceled.CancellationToken);
        Assert.Same(providerError, canceled.InnerException);
    }
}
