using System;
using System.Threading.Tasks;
using FailoverGen.Tests.Fakes;

namespace FailoverGen.Tests;

/// <summary>A scope runs calls with another order or a subset of the same chain, sharing its cooldowns.</summary>
public sealed class FailoverScopeTests
{
    private readonly TestClock _clock = new();
    private readonly ScriptedProvider _a;
    private readonly ScriptedProvider _b;
    private readonly ScriptedProvider _c;
    private readonly FallbackChain<IChatProvider> _chain;

    public FailoverScopeTests()
    {
        _a = new ScriptedProvider("a", _clock);
        _b = new ScriptedProvider("b", _clock);
        _c = new ScriptedProvider("c", _clock);
        _chain = TestChains.Build(_clock, o =>
        {
            o.Name = "chat";
            o.Retry.MaxRetryAttempts = 0;
        }, _a, _b, _c);
    }

    [Fact]
    public async Task Subset_IsWalkedInTheScopesOrder()
    {
        _c.Throws(new ProviderException("slow down", statusCode: 429));

        using (FailoverScope.Use("c", "a"))
        {
            Assert.Equal(_a.Reply, await _chain.CompleteAsync());
        }

        Assert.Equal(1, _c.CallCount);
        Assert.Equal(0, _b.CallCount);
    }

    [Fact]
    public async Task Exhaustion_NamesOnlyTheScopesProviders()
    {
        _b.Throws(new ProviderException("down", statusCode: 503));
        _c.Throws(new ProviderException("down", statusCode: 503));

        FallbackChainExhaustedException error;
        using (FailoverScope.Use("b", "c"))
        {
            error = await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => _chain.CompleteAsync());
        }

        Assert.Equal(new[] { "b", "c" }, Array.ConvertAll(System.Linq.Enumerable.ToArray(error.Attempts), a => a.ProviderName));
        Assert.Equal(0, _a.CallCount);
    }

    [Fact]
    public async Task AfterTheScope_TheDeclaredOrderReturns()
    {
        using (FailoverScope.Use("b"))
        {
            await _chain.CompleteAsync();
        }

        Assert.Equal(_a.Reply, await _chain.CompleteAsync());
        Assert.Null(FailoverScope.Current);
    }

    [Fact]
    public async Task Cooldowns_AreSharedWithCallsOutsideTheScope()
    {
        _a.Throws(new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromMinutes(1)));
        await _chain.CompleteAsync();

        using (FailoverScope.Use("a", "c"))
        {
            Assert.Equal(_c.Reply, await _chain.CompleteAsync());
        }

        Assert.Equal(1, _a.CallCount);
    }

    [Fact]
    public async Task Scope_FlowsIntoAwaitedAndSpawnedWork()
    {
        using (FailoverScope.Use("c"))
        {
            await Task.Yield();
            string spawned = await Task.Run(() => _chain.CompleteAsync());
            Assert.Equal(_c.Reply, spawned);
        }

        Assert.Equal(0, _a.CallCount);
    }

    [Fact]
    public async Task InnerScope_AppliesUntilDisposed_ThenTheOuterOneAgain()
    {
        using (FailoverScope.Use("b"))
        {
            using (FailoverScope.Use("c"))
            {
                Assert.Equal(_c.Reply, await _chain.CompleteAsync());
            }

            Assert.Equal(_b.Reply, await _chain.CompleteAsync());
        }
    }

    [Fact]
    public async Task ScopeForAnotherChain_LeavesThisOneAlone()
    {
        using (FailoverScope.Use("embeddings", new[] { "x" }))
        {
            Assert.Equal(_a.Reply, await _chain.CompleteAsync());
            using (FailoverScope.Use("chat", new[] { "b" }))
            {
                Assert.Equal(_b.Reply, await _chain.CompleteAsync());
            }
        }
    }

    [Fact]
    public async Task EveryScopedProviderCooling_ForcesOneOfThem_NotAProviderOutsideTheScope()
    {
        _b.Throws(new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromMinutes(2))).Succeeds();
        _c.Throws(new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromMinutes(1))).Succeeds();
        using (FailoverScope.Use("b", "c"))
        {
            await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => _chain.CompleteAsync());

            Assert.Equal(_c.Reply, await _chain.CompleteAsync());
        }

        Assert.Equal(0, _a.CallCount);
    }

    [Fact]
    public async Task UnknownProvider_FailsTheCall_NamingItAndTheChainsProviders()
    {
        using (FailoverScope.Use("a", "gpt-5"))
        {
            var error = await Assert.ThrowsAsync<ArgumentException>(() => _chain.CompleteAsync());
            Assert.Contains("'gpt-5'", error.Message);
            Assert.Contains("(a, b, c)", error.Message);
        }

        Assert.Equal(0, _a.CallCount);
    }

    [Theory]
    [InlineData(new string[0], "at least one provider")]
    [InlineData(new[] { "a", "a" }, "listed twice")]
    [InlineData(new[] { "a", " " }, "blank")]
    public void BadProviderLists_AreRejectedWhenTheScopeOpens(string[] providers, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => FailoverScope.Use(providers));

        Assert.Contains(message, error.Message);
        Assert.Null(FailoverScope.Current);
    }
}
