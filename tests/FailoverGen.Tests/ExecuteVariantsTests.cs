using System;
using System.Threading.Tasks;
using FailoverGen.Tests.Fakes;

namespace FailoverGen.Tests;

/// <summary>Every Execute method shares the failover loop: each must fail over, rethrow and exhaust the same way.</summary>
public sealed class ExecuteVariantsTests
{
    private readonly TestClock _clock = new();
    private readonly ScriptedProvider _primary;
    private readonly ScriptedProvider _fallback;
    private readonly FallbackChain<IChatProvider> _chain;

    public ExecuteVariantsTests()
    {
        _primary = new ScriptedProvider("primary", _clock).Throws(new ProviderException("slow down", statusCode: 429));
        _fallback = new ScriptedProvider("fallback", _clock);
        _chain = TestChains.Build(_clock, _primary, _fallback);
    }

    private void AssertFailedOver()
    {
        Assert.Equal("p", Assert.Single(_primary.Calls).Prompt);
        Assert.Equal("p", Assert.Single(_fallback.Calls).Prompt);
    }

    [Fact]
    public void Execute_FailsOver()
    {
        string reply = _chain.Execute("p", static (p, s, ct) => p.Complete(s, ct), FailoverPolicy.Default);

        Assert.Equal(_fallback.Reply, reply);
        AssertFailedOver();
    }

    [Fact]
    public void ExecuteVoid_FailsOver()
    {
        _chain.ExecuteVoid("p", static (p, s, ct) => p.Send(s, ct), FailoverPolicy.Default);

        AssertFailedOver();
    }

    [Fact]
    public async Task ExecuteValueTaskAsync_FailsOver()
    {
        string reply = await _chain.ExecuteValueTaskAsync("p", static (p, s, ct) => p.CompleteValueTaskAsync(s, ct), FailoverPolicy.Default);

        Assert.Equal(_fallback.Reply, reply);
        AssertFailedOver();
    }

    [Fact]
    public async Task ExecuteVoidAsync_FailsOver()
    {
        await _chain.ExecuteVoidAsync("p", static (p, s, ct) => p.SendAsync(s, ct), FailoverPolicy.Default);

        AssertFailedOver();
    }

    [Fact]
    public async Task ExecuteVoidValueTaskAsync_FailsOver()
    {
        await _chain.ExecuteVoidValueTaskAsync("p", static (p, s, ct) => p.SendValueTaskAsync(s, ct), FailoverPolicy.Default);

        AssertFailedOver();
    }

    [Fact]
    public void Execute_WhenEveryProviderFails_ThrowsExhaustion()
    {
        var a = new ScriptedProvider("a", _clock).Throws(new ProviderException("slow down", statusCode: 429));
        var b = new ScriptedProvider("b", _clock).Throws(new ProviderException("bad key", statusCode: 401));
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, a, b);

        var error = Assert.Throws<FallbackChainExhaustedException>(() => chain.Execute("p", static (p, s, ct) => p.Complete(s, ct), FailoverPolicy.Default));

        Assert.Equal(2, error.Attempts.Count);
    }

    [Fact]
    public void ExecuteVoid_RethrowsABadRequestUnchanged()
    {
        var badRequest = new ProviderException("bad", statusCode: 400);
        var a = new ScriptedProvider("a", _clock).Throws(badRequest);
        var b = new ScriptedProvider("b", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, a, b);

        var thrown = Assert.Throws<ProviderException>(() => chain.ExecuteVoid("p", static (p, s, ct) => p.Send(s, ct), FailoverPolicy.Default));

        Assert.Same(badRequest, thrown);
        Assert.Empty(b.Calls);
    }

    [Fact]
    public async Task ExecuteVoidAsync_WhenEveryProviderFails_ThrowsExhaustion()
    {
        var a = new ScriptedProvider("a", _clock).Throws(new ProviderException("slow down", statusCode: 429));
        var b = new ScriptedProvider("b", _clock).Throws(new InvalidOperationException("boom"));
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, a, b);

        var error = await Assert.ThrowsAsync<FallbackChainExhaustedException>(
            () => chain.ExecuteVoidAsync("p", static (p, s, ct) => p.SendAsync(s, ct), FailoverPolicy.Default));

        Assert.Equal(FailoverReason.Unknown, error.Attempts[1].Reason);
    }

    [Fact]
    public async Task ExecuteValueTaskAsync_RetriesATransientFailure()
    {
        var a = new ScriptedProvider("a", _clock).Throws(new ProviderException("unavailable", statusCode: 503)).Succeeds();
        var b = new ScriptedProvider("b", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(
            _clock,
            o =>
            {
                o.Retry.Delay = TimeSpan.FromSeconds(1);
                o.Retry.UseJitter = false;
            },
            a,
            b);

        ValueTask<string> call = chain.ExecuteValueTaskAsync("p", static (p, s, ct) => p.CompleteValueTaskAsync(s, ct), FailoverPolicy.Default);
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(a.Reply, await call);
        Assert.Empty(b.Calls);
    }

    [Fact]
    public void NullOperation_IsRejected()
    {
        Assert.Throws<ArgumentNullException>(
            () => _chain.Execute<string, string>("p", null!, FailoverPolicy.Default));
    }

    [Fact]
    public async Task Execute_WaitsOutTheBackoffOnTheFakeClock()
    {
        var a = new ScriptedProvider("a", _clock).Throws(new ProviderException("unavailable", statusCode: 503)).Succeeds();
        var b = new ScriptedProvider("b", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(
            _clock,
            o =>
            {
                o.Retry.Delay = TimeSpan.FromSeconds(1);
                o.Retry.UseJitter = false;
            },
            a,
            b);

        Task<string> blocked = Task.Run(() => chain.Execute("p", static (p, s, ct) => p.Complete(s, ct), FailoverPolicy.Default));
        await _clock.AdvanceAfterTimerAsync(1, TimeSpan.FromSeconds(1));

        Assert.Equal(a.Reply, await blocked);
        Assert.Equal(TimeSpan.FromSeconds(1), _clock.SinceStart(a.Calls[1]));
    }
}
