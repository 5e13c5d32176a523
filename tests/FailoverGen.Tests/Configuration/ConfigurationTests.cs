using System;
using System.Threading.Tasks;
using FailoverGen.Tests.Fakes;

namespace FailoverGen.Tests.Configuration;

public sealed class ConfigurationTests
{
    private readonly TestClock _clock = new();

    private ScriptedProvider Provider(string name) => new(name, _clock);

    [Fact]
    public async Task Order_FromConfiguration_DecidesThePrimaryAndLeavesUnlistedProvidersOut()
    {
        ScriptedProvider a = Provider("a"), b = Provider("b"), c = Provider("c");
        c.Throws(new ProviderException("slow down", statusCode: 429));
        using var app = new ConfiguredChain("""{ "Failover": { "Order": [ "c", "a" ] } }""", _clock, a, b, c);

        string reply = await app.Chain.CompleteAsync();

        Assert.Equal(a.Reply, reply);
        Assert.Equal(1, c.CallCount);
        Assert.Equal(0, b.CallCount);
        Assert.Same(c, app.Chain.Primary);
    }

    [Fact]
    public async Task NoSettings_KeepsRegistrationOrderAndCodeOptions()
    {
        ScriptedProvider a = Provider("a"), b = Provider("b");
        a.Throws(new ProviderException("unavailable", statusCode: 503));
        using var app = new ConfiguredChain("""{ "Logging": { } }""", _clock, a, b);

        string reply = await app.Chain.CompleteAsync();

        // Code said: one retry (the default) with no backoff, so the transient failure is tried twice on a.
        Assert.Equal(b.Reply, reply);
        Assert.Equal(2, a.CallCount);
    }

    [Fact]
    public async Task DisabledProvider_IsNeverCalled()
    {
        ScriptedProvider a = Provider("a"), b = Provider("b");
        using var app = new ConfiguredChain("""{ "Failover": { "Providers": { "a": { "Enabled": false } } } }""", _clock, a, b);

        Assert.Equal(b.Reply, await app.Chain.CompleteAsync());
        Assert.Equal(0, a.CallCount);
    }

    [Fact]
    public async Task RetrySettings_ApplyPerChainAndPerProvider()
    {
        ScriptedProvider a = Provider("a"), b = Provider("b"), c = Provider("c");
        a.Throws(new ProviderException("unavailable", statusCode: 503));
        b.Throws(new ProviderException("unavailable", statusCode: 503));
        using var app = new ConfiguredChain(
            """{ "Failover": { "Retry": { "MaxRetryAttempts": 3 }, "Providers": { "b": { "MaxRetryAttempts": 0 } } } }""", _clock, a, b, c);

        Assert.Equal(c.Reply, await app.Chain.CompleteAsync());
        Assert.Equal(4, a.CallCount);
        Assert.Equal(1, b.CallCount);
    }

    [Fact]
    public async Task FailoverOnReasons_ExtendTheMemberPolicy()
    {
        ScriptedProvider small = Provider("small"), large = Provider("large");
        small.Throws(new ProviderException("This model's maximum context length is 8192 tokens.", statusCode: 400, errorCode: "context_length_exceeded"));
        using var app = new ConfiguredChain("""{ "Failover": { "FailoverOn": { "Reasons": [ "contextoverflow" ] } } }""", _clock, small, large);

        Assert.Equal(large.Reply, await app.Chain.CompleteAsync());
    }

    [Fact]
    public async Task FailoverOnReplaceAttributes_RethrowsWhatTheAttributesListedButConfigurationDoesNot()
    {
        ScriptedProvider a = Provider("a"), b = Provider("b");
        var limited = new ProviderException("slow down", statusCode: 429);
        a.Throws(limited);
        using var app = new ConfiguredChain(
            """{ "Failover": { "FailoverOn": { "StatusCodes": [ 503 ], "ReplaceAttributes": true } } }""", _clock, a, b);

        var thrown = await Assert.ThrowsAsync<ProviderException>(() => app.Chain.CompleteAsync());

        Assert.Same(limited, thrown);
        Assert.Equal(0, b.CallCount);
    }

    [Fact]
    public async Task ConfiguredGroup_CoolsTheWholeAccountOnAnAuthFailure()
    {
        ScriptedProvider a = Provider("a"), b = Provider("b"), c = Provider("c");
        a.Throws(new ProviderException("invalid api key", statusCode: 401));
        using var app = new ConfiguredChain(
            """{ "Failover": { "Providers": { "a": { "Group": "openai" }, "b": { "Group": "openai" } } } }""", _clock, a, b, c);

        Assert.Equal(c.Reply, await app.Chain.CompleteAsync());

        Assert.Equal(c.Reply, await app.Chain.CompleteAsync());
        Assert.Equal(0, b.CallCount);
        Assert.Equal(ProviderState.CoolingDown, app.Chain.GetHealth().Providers[1].State);
    }

    [Fact]
    public async Task StickyDuration_FromConfiguration_KeepsCallsOnTheFallback()
    {
        ScriptedProvider a = Provider("a"), b = Provider("b");
        a.Throws(new ProviderException("unavailable", statusCode: 503)).Succeeds();
        using var app = new ConfiguredChain(
            """{ "Failover": { "StickyDuration": "00:05:00", "Retry": { "MaxRetryAttempts": 0 } } }""", _clock, a, b);

        await app.Chain.CompleteAsync();
        Assert.Equal(b.Reply, await app.Chain.CompleteAsync());

        Assert.Equal(1, a.CallCount);
    }

    [Fact]
    public async Task TotalRequestTimeout_FromConfiguration_EndsTheCall()
    {
        ScriptedProvider a = Provider("a");
        a.Then(async call =>
        {
            await Task.Delay(TimeSpan.FromMinutes(5), _clock, call.Token);
            return "late";
        });
        using var app = new ConfiguredChain("""{ "Failover": { "TotalRequestTimeout": "00:00:02" } }""", _clock, a);

        Task<string> call = app.Chain.CompleteAsync();
        _clock.Advance(TimeSpan.FromSeconds(2));
        var exhausted = await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => call);

        Assert.True(exhausted.DeadlineExceeded);
    }

    [Fact]
    public async Task ShortRetryAfterWait_FromConfiguration_KeepsTheCallOnThePrimary()
    {
        ScriptedProvider a = Provider("a").Throws(new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(2))).Succeeds();
        ScriptedProvider b = Provider("b");
        using var app = new ConfiguredChain("""{ "Failover": { "ShortRetryAfterWait": "00:00:02", "Retry": { "MaxRetryAttempts": 1 } } }""", _clock, a, b);

        Task<string> call = app.Chain.CompleteAsync();
        await _clock.AdvanceAfterTimerAsync(1, TimeSpan.FromSeconds(2));

        Assert.Equal(a.Reply, await call);
        Assert.Equal(0, b.CallCount);
    }

    [Fact]
    public async Task ScopeNamingADisabledProvider_LeavesItOut()
    {
        ScriptedProvider a = Provider("a"), b = Provider("b");
        using var app = new ConfiguredChain("""{ "Failover": { "Providers": { "a": { "Enabled": false } } } }""", _clock, a, b);

        using (FailoverScope.Use("a", "b"))
        {
            Assert.Equal(b.Reply, await app.Chain.CompleteAsync());
        }

        Assert.Equal(0, a.CallCount);
    }
}
