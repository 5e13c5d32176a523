using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using FailoverGen.Tests.Fakes;

namespace FailoverGen.Tests;

public sealed class CancellationTests
{
    private readonly TestClock _clock = new();

    [Fact]
    public async Task AlreadyCancelledToken_ThrowsWithoutCallingAnyProvider()
    {
        var primary = new ScriptedProvider("primary", _clock);
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary, fallback);
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        var thrown = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => chain.CompleteAsync(cancellationToken: cts.Token));

        Assert.Equal(cts.Token, thrown.CancellationToken);
        Assert.Empty(primary.Calls);
        Assert.Empty(fallback.Calls);
    }

    [Fact]
    public async Task ProviderCancelledByTheCaller_IsRethrownAtOnce_WithoutFailover()
    {
        using var cts = new CancellationTokenSource();
        OperationCanceledException? cancellation = null;
        var primary = new ScriptedProvider("primary", _clock).Throws(call =>
        {
            cts.Cancel();
            return cancellation = new OperationCanceledException("caller gave up", call.Token);
        });
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.Retry.MaxRetryAttempts = 2, primary, fallback);

        var thrown = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => chain.CompleteAsync(cancellationToken: cts.Token));

        Assert.Same(cancellation, thrown);
        Assert.Single(primary.Calls);
        Assert.Empty(fallback.Calls);
        Assert.Equal(0, _clock.TimersCreated);
    }

    [Fact]
    public async Task CallerCancellation_StartsNoCooldown_TheNextCallUsesThePrimary()
    {
        using var cts = new CancellationTokenSource();
        var primary = new ScriptedProvider("primary", _clock)
            .Throws(call =>
            {
                cts.Cancel();
                return new TaskCanceledException("caller gave up", null, call.Token);
            })
            .Succeeds();
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary, fallback);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => chain.CompleteAsync(cancellationToken: cts.Token));

        Assert.Equal(primary.Reply, await chain.CompleteAsync());
        Assert.Equal(2, primary.Calls.Count);
        Assert.Empty(fallback.Calls);
    }

    [Fact]
    public async Task CallerCancellationDuringAProbe_LeavesTheProviderProbeable()
    {
        using var cts = new CancellationTokenSource();
        var primary = new ScriptedProvider("primary", _clock)
            .Throws(new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(5)))
            .Throws(call =>
            {
                cts.Cancel();
                return new OperationCanceledException(call.Token);
            })
            .Succeeds();
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary, fallback);
        await chain.CompleteAsync();
        _clock.Advance(TimeSpan.FromSeconds(5));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => chain.CompleteAsync(cancellationToken: cts.Token));

        Assert.Equal(primary.Reply, await chain.CompleteAsync());
        Assert.Equal(3, primary.Calls.Count);
        Assert.Single(fallback.Calls);
    }

    [Fact]
    public async Task CallerCancelsDuringBackoff_RethrowsWithoutFailover()
    {
        using var cts = new CancellationTokenSource();
        var primary = new ScriptedProvider("primary", _clock).Throws(new ProviderException("unavailable", statusCode: 503));
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(
            _clock,
            o =>
            {
                o.Retry.MaxRetryAttempts = 2;
                o.Retry.Delay = TimeSpan.FromSeconds(1);
                o.Retry.UseJitter = false;
            },
            primary,
            fallback);

        Task<string> call = chain.CompleteAsync(cancellationToken: cts.Token);
        Assert.False(call.IsCompleted);
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(primary.Calls);
        Assert.Empty(fallback.Calls);
    }

    [Fact]
    public async Task ProvidersReceiveTheCallersToken()
    {
        using var cts = new CancellationTokenSource();
        var primary = new ScriptedProvider("primary", _clock).Throws(new ProviderException("slow down", statusCode: 429));
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary, fallback);

        await chain.CompleteAsync(cancellationToken: cts.Token);

        Assert.Equal(cts.Token, Assert.Single(primary.Calls).Token);
        Assert.Equal(cts.Token, Assert.Single(fallback.Calls).Token);
    }

    [Fact]
    public async Task TaskCanceledExceptionThatIsNotTheCallers_IsATimeout_AndFailsOver()
    {
        var timeout = new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.", new TimeoutException());
        var primary = new ScriptedProvider("primary", _clock).Throws(timeout);
        var fallback = new ScriptedProvider("fallback", _clock).Throws(new ProviderException("bad key", statusCode: 401));
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.Retry.MaxRetryAttempts = 0, primary, fallback);
        using var cts = new CancellationTokenSource();

        var error = await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => chain.CompleteAsync(cancellationToken: cts.Token));

        Assert.Equal(FailoverReason.Timeout, error.Attempts[0].Reason);
        Assert.Same(timeout, error.Attempts[0].Exception);
        Assert.Single(fallback.Calls);
    }

    [Fact]
    public async Task OperationCanceledExceptionFromAnotherToken_FailsOverToTheNextProvider()
    {
        using var providerOwned = new CancellationTokenSource();
        providerOwned.Cancel();
        var primary = new ScriptedProvider("primary", _clock).Throws(new OperationCanceledException(providerOwned.Token));
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.Retry.MaxRetryAttempts = 0, primary, fallback);

        Assert.Equal(fallback.Reply, await chain.CompleteAsync());
    }

    [Fact]
    public async Task TimeoutThatIsNotTheCallers_IsRetriedAsTransient()
    {
        var primary = new ScriptedProvider("primary", _clock)
            .Throws(new TaskCanceledException("timed out", new TimeoutException()))
            .Succeeds();
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(
            _clock,
            o =>
            {
                o.Retry.Delay = TimeSpan.FromSeconds(1);
                o.Retry.UseJitter = false;
            },
            primary,
            fallback);

        Task<string> call = chain.CompleteAsync();
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(primary.Reply, await call);
        Assert.Empty(fallback.Calls);
    }

    [Fact]
    public async Task HttpRequestExceptionWrappingACallerCancellation_IsTheCallersCancellation_WithTheProviderErrorInside()
    {
        using var cts = new CancellationTokenSource();
        HttpRequestException? thrown = null;
        var primary = new ScriptedProvider("primary", _clock).Throws(call =>
        {
            cts.Cancel();
            return thrown = new HttpRequestException("aborted", new OperationCanceledException(call.Token));
        });
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary, fallback);

        OperationCanceledException canceled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => chain.CompleteAsync(cancellationToken: cts.Token));
        Assert.Equal(cts.Token, canceled.CancellationToken);
        Assert.Same(thrown, canceled.InnerException);
        Assert.Empty(fallback.Calls);
    }

    [Fact]
    public async Task CallerCancellingWhileARateLimitIsHandled_GetsItsOwnCancellation_WithThe429Inside()
    {
        using var cts = new CancellationTokenSource();
        var rateLimited = new ProviderException("slow down", statusCode: 429);
        var primary = new ScriptedProvider("primary", _clock).Throws(_ =>
        {
            cts.Cancel();
            return rateLimited;
        });
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary, fallback);

        OperationCanceledException canceled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => chain.CompleteAsync(cancellationToken: cts.Token));

        Assert.Equal(cts.Token, canceled.CancellationToken);
        Assert.Same(rateLimited, canceled.InnerException);
        Assert.Empty(fallback.Calls);
    }

    [Fact]
    public async Task CallerCancellingWhileABadRequestIsHandled_GetsItsOwnCancellation_NotTheRawError()
    {
        using var cts = new CancellationTokenSource();
        var badRequest = new ProviderException("bad", statusCode: 400);
        var primary = new ScriptedProvider("primary", _clock).Throws(_ =>
        {
            cts.Cancel();
            return badRequest;
        });
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary, new ScriptedProvider("fallback", _clock));

        OperationCanceledException canceled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => chain.CompleteAsync(cancellationToken: cts.Token));

        Assert.Equal(cts.Token, canceled.CancellationToken);
        Assert.Same(badRequest, canceled.InnerException);
    }

    [Fact]
    public async Task CallerCancellingAsTheLastProviderFails_GetsItsCancellation_NotTheExhaustionError()
    {
        using var cts = new CancellationTokenSource();
        var primary = new ScriptedProvider("primary", _clock).Throws(new ProviderException("slow down", statusCode: 429));
        var fallback = new ScriptedProvider("fallback", _clock).Throws(_ =>
        {
            cts.Cancel();
            return new ProviderException("unavailable", statusCode: 503);
        });
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.Retry.MaxRetryAttempts = 0, primary, fallback);

        OperationCanceledException canceled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => chain.CompleteAsync(cancellationToken: cts.Token));

        Assert.Equal(cts.Token, canceled.CancellationToken);
        Assert.IsType<ProviderException>(canceled.InnerException);
    }

    [Fact]
    public async Task ProvidersOwnCancellationForTheCallersToken_ReachesTheCallerUnchanged()
    {
        using var cts = new CancellationTokenSource();
        OperationCanceledException? thrown = null;
        var primary = new ScriptedProvider("primary", _clock).Throws(call =>
        {
            cts.Cancel();
            return thrown = new OperationCanceledException(call.Token);
        });
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary, new ScriptedProvider("fallback", _clock));

        OperationCanceledException canceled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => chain.CompleteAsync(cancellationToken: cts.Token));

        Assert.Same(thrown, canceled);
    }
}
