using System;
using System.Linq;
using System.Threading.Tasks;
using FailoverGen.Tests.Fakes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace FailoverGen.Tests.Configuration;

public sealed class ReloadTests
{
    private readonly TestClock _clock = new();

    private ScriptedProvider Provider(string name) => new(name, _clock);

    [Fact]
    public async Task NewOrder_TakesEffectWithoutRebuildingTheChain()
    {
        ScriptedProvider a = Provider("a"), b = Provider("b");
        using var app = new ConfiguredChain("""{ "Failover": { "Order": [ "a", "b" ] } }""", _clock, a, b);
        FallbackChain<IChatProvider> chain = app.Chain;
        Assert.Equal(a.Reply, await chain.CompleteAsync());

        app.Edit("""{ "Failover": { "Order": [ "b", "a" ] } }""");

        Assert.Same(chain, app.Chain);
        Assert.Equal(b.Reply, await chain.CompleteAsync());
        FakeLogRecord applied = app.Logs.GetSnapshot().Single(r => r.Id.Id == 1011);
        Assert.Contains("b → a", applied.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_KeepsCooldownsAndHealth()
    {
        ScriptedProvider a = Provider("a"), b = Provider("b"), c = Provider("c");
        a.Throws(new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromMinutes(1)));
        using var app = new ConfiguredChain("""{ "Failover": { "Order": [ "a", "b", "c" ] } }""", _clock, a, b, c);
        await app.Chain.CompleteAsync();
        long bSuccesses = app.Chain.GetHealth().Providers[1].TotalSuccesses;

        app.Edit("""{ "Failover": { "Order": [ "a", "c", "b" ], "Cooldowns": { "RateLimit": "00:00:05" } } }""");
        string reply = await app.Chain.CompleteAsync();

        // a is still cooling from before the reload: skipped without a request, and c, now second, answers.
        Assert.Equal(c.Reply, reply);
        Assert.Equal(1, a.CallCount);
        Assert.Equal(ProviderState.CoolingDown, app.Chain.GetHealth().Providers[0].State);
        Assert.Equal(bSuccesses, app.Chain.GetHealth().Providers[1].TotalSuccesses);
        Assert.Equal(1, bSuccesses);
    }

    [Fact]
    public async Task BadReload_IsRejectedAndLogged_AndThePreviousSettingsStay()
    {
        ScriptedProvider a = Provider("a"), b = Provider("b");
        using var app = new ConfiguredChain("""{ "Failover": { "Order": [ "b", "a" ] } }""", _clock, a, b);
        Assert.Equal(b.Reply, await app.Chain.CompleteAsync());

        // Valid parts (the new order) must not be applied alongside the invalid ones.
        app.Edit("""{ "Failover": { "Order": [ "a", "b" ], "AttemptTimeout": "-00:00:01", "Providers": { "gpt-5": { "Enabled": true } } } }""");

        Assert.Equal(b.Reply, await app.Chain.CompleteAsync());
        FakeLogRecord rejected = app.Logs.GetSnapshot().Single(r => r.Id.Id == 1012);
        Assert.Equal(LogLevel.Error, rejected.Level);
        Assert.Contains("Failover:AttemptTimeout is negative", rejected.Message, StringComparison.Ordinal);
        Assert.Contains("Failover:Providers:gpt-5", rejected.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Logs.GetSnapshot(), r => r.Id.Id == 1011);
    }

    [Fact]
    public async Task GoodReloadAfterABadOne_IsApplied()
    {
        ScriptedProvider a = Provider("a"), b = Provider("b");
        using var app = new ConfiguredChain("""{ "Failover": { "Order": [ "a", "b" ] } }""", _clock, a, b);
        _ = app.Chain;
        app.Edit("""{ "Failover": { "Order": [ ] } }""");
        app.Edit("""{ "Failover": { "Order": [ "b" ] } }""");

        Assert.Equal(b.Reply, await app.Chain.CompleteAsync());
        Assert.Equal(0, a.CallCount);
    }

    [Fact]
    public async Task CallStartedBeforeAReload_FinishesOnItsOwnSettings()
    {
        ScriptedProvider a = Provider("a"), b = Provider("b");
        var release = new TaskCompletionSource<bool>();
        a.Then(async _ =>
        {
            await release.Task;
            throw new ProviderException("unavailable", statusCode: 503);
        });
        using var app = new ConfiguredChain("""{ "Failover": { "Order": [ "a", "b" ], "Retry": { "MaxRetryAttempts": 0 } } }""", _clock, a, b);

        Task<string> inFlight = app.Chain.CompleteAsync();
        app.Edit("""{ "Failover": { "Order": [ "a" ], "Retry": { "MaxRetryAttempts": 0 } } }""");
        release.SetResult(true);

        // The call began with b in its order; the reload removed b only for the calls after it.
        Assert.Equal(b.Reply, await inFlight);
    }
}
