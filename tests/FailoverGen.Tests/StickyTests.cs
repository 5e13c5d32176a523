using System;
using System.Threading.Tasks;
using FailoverGen.Tests.Fakes;

namespace FailoverGen.Tests;

public sealed class StickyTests
{
    private static readonly TimeSpan Sticky = TimeSpan.FromMinutes(5);
    private readonly TestClock _clock = new();

    private static ProviderException RateLimited() => new("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(20));

    [Fact]
    public async Task WithoutSticky_EveryCallStartsAtThePrimaryOnceItsCooldownEnds()
    {
        var primary = new ScriptedProvider("primary", _clock).Throws(RateLimited()).Succeeds();
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary, fallback);
        await chain.CompleteAsync();

        _clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(primary.Reply, await chain.CompleteAsync());
        Assert.Equal(primary.Reply, await chain.CompleteAsync());
    }

    [Fact]
    public async Task Sticky_CallsStartAtTheFallback_EvenAfterThePrimarysCooldownEnded()
    {
        var primary = new ScriptedProvider("primary", _clock).Throws(RateLimited()).Succeeds();
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.StickyDuration = Sticky, primary, fallback);
        await chain.CompleteAsync();

        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(fallback.Reply, await chain.CompleteAsync());
        _clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(fallback.Reply, await chain.CompleteAsync());

        Assert.Single(primary.Calls);
    }

    [Fact]
    public async Task Sticky_ReturnsToPrimaryFirstAfterTheStickyDuration()
    {
        var primary = new ScriptedProvider("primary", _clock).Throws(RateLimited()).Succeeds();
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.StickyDuration = Sticky, primary, fallback);
        await chain.CompleteAsync();

        _clock.Advance(Sticky - TimeSpan.FromSeconds(1));
        Assert.Equal(fallback.Reply, await chain.CompleteAsync());
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(primary.Reply, await chain.CompleteAsync());
        Assert.Equal(primary.Reply, await chain.CompleteAsync());
    }

    [Fact]
    public async Task Sticky_LaterSuccessesOnTheFallback_DoNotExtendTheWindow()
    {
        var primary = new ScriptedProvider("primary", _clock).Throws(RateLimited()).Succeeds();
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.StickyDuration = Sticky, primary, fallback);
        await chain.CompleteAsync();

        for (int i = 0; i < 4; i++)
        {
            _clock.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal(fallback.Reply, await chain.CompleteAsync());
        }

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(primary.Reply, await chain.CompleteAsync());
    }

    [Fact]
    public async Task Sticky_StickyFallbackFailing_FallsBackToTheOtherProviders()
    {
        var primary = new ScriptedProvider("primary", _clock).Throws(RateLimited()).Succeeds();
        var fallback = new ScriptedProvider("fallback", _clock)
            .Succeeds()
            .Throws(new ProviderException("no credit", statusCode: 402));
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.StickyDuration = Sticky, primary, fallback);
        await chain.CompleteAsync();
        _clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(primary.Reply, await chain.CompleteAsync());
        Assert.Equal(2, fallback.Calls.Count);
    }

    [Fact]
    public async Task Sticky_ASecondSwitchAfterTheWindowExpired_StartsANewWindow()
    {
        var primary = new ScriptedProvider("primary", _clock)
            .Throws(RateLimited())
            .Throws(RateLimited())
            .Succeeds();
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.StickyDuration = Sticky, primary, fallback);
        await chain.CompleteAsync();
        _clock.Advance(Sticky);

        Assert.Equal(fallback.Reply, await chain.CompleteAsync());
        Assert.Equal(2, primary.Calls.Count);

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(fallback.Reply, await chain.CompleteAsync());
        Assert.Equal(2, primary.Calls.Count);
    }

    [Fact]
    public async Task Sticky_PrimaryServingAfterTheStickyFallbackFailed_EndsTheWindow()
    {
        var primary = new ScriptedProvider("primary", _clock).Throws(RateLimited()).Succeeds();
        var fallback = new ScriptedProvider("fallback", _clock)
            .Succeeds()
            .Throws(new ProviderException("unavailable", statusCode: 503))
            .Succeeds();
        FallbackChain<IChatProvider> chain = TestChains.Build(
            _clock,
            o =>
            {
                o.StickyDuration = Sticky;
                o.Retry.MaxRetryAttempts = 0;
            },
            primary,
            fallback);
        await chain.CompleteAsync();
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(primary.Reply, await chain.CompleteAsync());

        _clock.Advance(TimeSpan.FromSeconds(15));

        Assert.Equal(primary.Reply, await chain.CompleteAsync());
        Assert.Equal(2, fallback.Calls.Count);
    }

    [Fact]
    public async Task Sticky_WhenTheStickyProviderFails_TheOthersAreTriedInDeclaredOrder()
    {
        var order = new System.Collections.Concurrent.ConcurrentQueue<string>();
        ScriptedProvider Recording(string name, params System.Func<ProviderCall, Task<string>>[] steps)
        {
            var provider = new ScriptedProvider(name, _clock);
            foreach (System.Func<ProviderCall, Task<string>> step in steps)
            {
                provider.Then(call =>
                {
                    order.Enqueue(name);
                    return step(call);
                });
            }

            return provider;
        }

        ScriptedProvider a = Recording("a", _ => Task.FromException<string>(RateLimited()), _ => Task.FromException<string>(new ProviderException("bad key", statusCode: 401)));
        ScriptedProvider b = Recording("b", _ => Task.FromException<string>(RateLimited()), _ => Task.FromResult("b ok"));
        ScriptedProvider c = Recording("c", _ => Task.FromResult("c ok"), _ => Task.FromException<string>(new ProviderException("no credit", statusCode: 402)));
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.StickyDuration = Sticky, a, b, c);
        Assert.Equal("c ok", await chain.CompleteAsync());
        _clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal("b ok", await chain.CompleteAsync());

        Assert.Equal(new[] { "a", "b", "c", "c", "a", "b" }, order);
    }
}
