using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FailoverGen.Tests.Fakes;

namespace FailoverGen.Tests;

/// <summary>Disposing a chain's providers happens once, whichever dispose method is called, how often and from where.</summary>
public sealed class DisposeTests
{
    private sealed class CountingProvider : IDisposable, IAsyncDisposable
    {
        private int _disposals;
        private int _asyncDisposals;

        public int Disposals => Volatile.Read(ref _disposals);

        public int AsyncDisposals => Volatile.Read(ref _asyncDisposals);

        public void Dispose() => Interlocked.Increment(ref _disposals);

        public ValueTask DisposeAsync()
        {
            Interlocked.Increment(ref _asyncDisposals);
            return default;
        }
    }

    private sealed class SyncOnlyProvider : IDisposable
    {
        public int Disposals { get; private set; }

        public void Dispose() => Disposals++;
    }

    private static FallbackChain<object> Chain(params object[] providers)
    {
        FallbackChainBuilder<object> builder = FallbackChain.Create<object>();
        for (int i = 0; i < providers.Length; i++)
        {
            builder.Add("p" + i, providers[i]);
        }

        return builder.Build();
    }

    [Fact]
    public void DisposingTwice_DisposesEveryProviderOnce()
    {
        var a = new CountingProvider();
        var b = new CountingProvider();
        FallbackChain<object> chain = Chain(a, b);

        chain.DisposeProviders();
        chain.DisposeProviders();

        Assert.Equal(1, a.Disposals);
        Assert.Equal(1, b.Disposals);
    }

    [Fact]
    public async Task DisposeThenDisposeAsync_DisposesOnce()
    {
        var a = new CountingProvider();
        FallbackChain<object> chain = Chain(a);

        chain.DisposeProviders();
        await chain.DisposeProvidersAsync();

        Assert.Equal(1, a.Disposals + a.AsyncDisposals);
    }

    [Fact]
    public async Task DisposeAsync_PrefersIAsyncDisposable_AndFallsBackToIDisposable()
    {
        var both = new CountingProvider();
        var syncOnly = new SyncOnlyProvider();
        FallbackChain<object> chain = Chain(both, syncOnly, new object());

        await chain.DisposeProvidersAsync();

        Assert.Equal((0, 1), (both.Disposals, both.AsyncDisposals));
        Assert.Equal(1, syncOnly.Disposals);
    }

    [Fact]
    public async Task ConcurrentDisposals_DisposeOnce()
    {
        var a = new CountingProvider();
        FallbackChain<object> chain = Chain(a);
        using var start = new Barrier(8);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait();
            chain.DisposeProviders();
        })));

        Assert.Equal(1, a.Disposals);
    }
}
