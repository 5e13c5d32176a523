using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using FailoverGen.Tests.Fakes;

namespace FailoverGen.Tests.DirectPath;

/// <summary>
/// A failed provider costs the exception it threw and nothing more: the engine reads the failure from the provider's
/// task instead of awaiting and rethrowing it. Counted with first-chance exception events, matched by identity so that
/// tests running in parallel do not interfere.
/// </summary>
public sealed class OneThrowPerFailureTests
{
    private readonly TestClock _clock = new();

    /// <summary>A provider that fails as an async SDK call does: the exception thrown inside an async method.</summary>
    private static async Task<string> ThrowsAsync(ProviderException error)
    {
        await Task.Yield();
        throw error;
    }

    private static int Throws(Exception exception, Func<Task> call) => Throws(new[] { exception }, call)[0];

    private static int[] Throws(Exception[] exceptions, Func<Task> call)
    {
        int[] counts = new int[exceptions.Length];
        void Count(object? sender, FirstChanceExceptionEventArgs e)
        {
            int index = Array.IndexOf(exceptions, e.Exception);
            if (index >= 0)
            {
                Interlocked.Increment(ref counts[index]);
            }
        }

        AppDomain.CurrentDomain.FirstChanceException += Count;
        try
        {
            call().GetAwaiter().GetResult();
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Count;
        }

        return counts;
    }

    public static TheoryData<string> Members() => new() { "Task<T>", "ValueTask<T>", "Task", "ValueTask", "sync" };

    [Theory]
    [MemberData(nameof(Members))]
    public void FailedPrimary_IsThrownOnce_ByItself(string member)
    {
        var error = new ProviderException("unavailable", statusCode: 503);
        // A synchronous member's provider throws synchronously; the others fail inside an async method.
        var primary = new ScriptedProvider("primary", _clock).Then(_ => member == "sync" ? throw error : ThrowsAsync(error));
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.Retry.MaxRetryAttempts = 0, primary, fallback);

        int throws = Throws(error, () => Call(chain, member));

        Assert.Equal(1, throws);
        Assert.Equal(1, fallback.CallCount);
    }

    [Fact]
    public void RetriedFailure_EachRequestThrowsOnce()
    {
        var first = new ProviderException("unavailable", statusCode: 503);
        var second = new ProviderException("unavailable again", statusCode: 503);
        var primary = new ScriptedProvider("primary", _clock).Then(_ => ThrowsAsync(first)).Then(_ => ThrowsAsync(second));
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

        int[] throws = Throws(new Exception[] { first, second }, () => chain.CompleteAsync());

        Assert.Equal(new[] { 1, 1 }, throws);
        Assert.Equal(2, primary.CallCount);
    }

    /// <summary>
    /// An async iterator hands its failure over only by throwing it from <c>GetResult</c>, so reading a failed stream
    /// costs a throw more than a failed task, for anyone: the chain adds nothing to what reading it directly costs.
    /// </summary>
    [Fact]
    public void StreamFailingBeforeItsFirstItem_CostsNoMoreThrowsThanReadingItDirectly()
    {
        var error = new ProviderException("overloaded", statusCode: 529);
        FallbackChain<IStreams> chain = FallbackChain.Create<IStreams>()
            .WithTimeProvider(_clock)
            .Add("primary", new Streams(error))
            .Add("fallback", new Streams(null))
            .Configure(o => o.Retry.MaxRetryAttempts = 0)
            .Build();

        int throws = Throws(error, async () =>
        {
            await foreach (string _ in chain.ExecuteStreamAsync(0, static (p, _, ct) => p.Stream(ct), FailoverPolicy.Default))
            {
            }
        });
        var other = new ProviderException("overloaded", statusCode: 529);
        int direct = Throws(other, async () =>
        {
            try
            {
                await foreach (string _ in new Streams(other).Stream(default))
                {
                }
            }
            catch (ProviderException)
            {
            }
        });

        Assert.True(throws <= direct, $"{throws} throws through the chain, {direct} reading the stream directly");
    }

    private static Task Call(FallbackChain<IChatProvider> chain, string member) => member switch
    {
        "Task<T>" => chain.ExecuteAsync("hi", static (p, s, ct) => p.CompleteAsync(s, ct), FailoverPolicy.Default),
        "ValueTask<T>" => chain.ExecuteValueTaskAsync("hi", static (p, s, ct) => p.CompleteValueTaskAsync(s, ct), FailoverPolicy.Default).AsTask(),
        "Task" => chain.ExecuteVoidAsync("hi", static (p, s, ct) => p.SendAsync(s, ct), FailoverPolicy.Default),
        "ValueTask" => chain.ExecuteVoidValueTaskAsync("hi", static (p, s, ct) => p.SendValueTaskAsync(s, ct), FailoverPolicy.Default).AsTask(),
        _ => Task.FromResult(chain.Execute("hi", static (p, s, ct) => p.Complete(s, ct), FailoverPolicy.Default)),
    };

    public interface IStreams
    {
        IAsyncEnumerable<string> Stream(CancellationToken cancellationToken);
    }

    private sealed class Streams : IStreams
    {
        private readonly Exception? _error;

        public Streams(Exception? error)
        {
            _error = error;
        }

        public async IAsyncEnumerable<string> Stream([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            if (_error is not null)
            {
                throw _error;
            }

            yield return "token";
        }
    }
}
