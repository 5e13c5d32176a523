using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using FailoverGen.Tests.Fakes;

namespace FailoverGen.Tests;

public sealed class FailoverOrderTests
{
    private readonly TestClock _clock = new();

    [Fact]
    public async Task HealthyPrimary_IsTheOnlyProviderCalled()
    {
        var primary = new ScriptedProvider("primary", _clock);
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary, fallback);

        string reply = await chain.CompleteAsync("ping");

        Assert.Equal(primary.Reply, reply);
        Assert.Equal("ping", Assert.Single(primary.Calls).Prompt);
        Assert.Empty(fallback.Calls);
    }

    [Fact]
    public async Task RateLimitedPrimary_FailsOverToSecond()
    {
        var primary = new ScriptedProvider("primary", _clock).Throws(new ProviderException("slow down", statusCode: 429));
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary, fallback);

        string reply = await chain.CompleteAsync("ping");

        Assert.Equal(fallback.Reply, reply);
        Assert.Single(primary.Calls);
        Assert.Equal("ping", Assert.Single(fallback.Calls).Prompt);
    }

    [Fact]
    public async Task RateLimitedHttpRequestException_FailsOverToSecond()
    {
        var primary = new ScriptedProvider("primary", _clock).Throws(new HttpRequestException("429", null, HttpStatusCode.TooManyRequests));
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary, fallback);

        Assert.Equal(fallback.Reply, await chain.CompleteAsync());
    }

    [Fact]
    public async Task FailingProviders_AreTriedInDeclaredOrder_UntilOneSucceeds()
    {
        var order = new ConcurrentQueue<string>();
        ScriptedProvider Failing(string name, int status) =>
            new ScriptedProvider(name, _clock).Throws(_ =>
            {
                order.Enqueue(name);
                return new ProviderException(name + " failed", statusCode: status);
            });

        ScriptedProvider first = Failing("first", 401);
        ScriptedProvider second = Failing("second", 402);
        var third = new ScriptedProvider("third", _clock).Then(_ =>
        {
            order.Enqueue("third");
            return Task.FromResult("ok");
        });
        var fourth = new ScriptedProvider("fourth", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, first, second, third, fourth);

        Assert.Equal("ok", await chain.CompleteAsync());
        Assert.Equal(new[] { "first", "second", "third" }, order);
        Assert.Empty(fourth.Calls);
    }

    [Fact]
    public void ProviderNames_ArePrimaryFirst_AndPrimaryIsTheFirstAdded()
    {
        var primary = new ScriptedProvider("a/primary", _clock);
        var fallback = new ScriptedProvider("b/fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary, fallback);

        Assert.Equal(new[] { "a/primary", "b/fallback" }, chain.ProviderNames);
        Assert.Same(primary, chain.Primary);
    }

    [Fact]
    public async Task EveryProviderReceivesTheSameState()
    {
        var primary = new ScriptedProvider("primary", _clock).Throws(new ProviderException("down", statusCode: 502));
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.Retry.MaxRetryAttempts = 0, primary, fallback);

        await chain.CompleteAsync("the prompt");

        Assert.Equal("the prompt", Assert.Single(primary.Calls).Prompt);
        Assert.Equal("the prompt", Assert.Single(fallback.Calls).Prompt);
        Assert.Equal(TimeSpan.Zero, _clock.Elapsed);
    }

    [Fact]
    public async Task OperationThatThrowsSynchronously_FailsOverToo()
    {
        var fallback = new ScriptedProvider("fallback", _clock);
        var primary = new ScriptedProvider("primary", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary, fallback);

        string reply = await chain.ExecuteAsync(
            "ping",
            static (p, s, ct) => p is ScriptedProvider { Name: "primary" }
                ? throw new ProviderException("slow down", statusCode: 429)
                : p.CompleteAsync(s, ct),
            FailoverPolicy.Default);

        Assert.Equal(fallback.Reply, reply);
    }
}
