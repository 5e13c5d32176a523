using System;
using System.Linq;
using System.Threading.Tasks;
using FailoverGen.Tests.Fakes;

namespace FailoverGen.Tests.Fleet;

/// <summary>
/// The engine's side of a fleet (<see cref="ICooldownFleet"/>): what it tells the other instances, what it does with
/// what they tell it, and the probe it leaves to another instance. On a fake clock, with the fleet in memory.
/// </summary>
public sealed class CooldownFleetTests
{
    private readonly TestClock _clock = new();
    private readonly RecordingFleet _fleet = new();
    private readonly ScriptedProvider _primary;
    private readonly ScriptedProvider _fallback;

    public CooldownFleetTests()
    {
        _primary = new ScriptedProvider("primary", _clock);
        _fallback = new ScriptedProvider("fallback", _clock);
    }

    [Fact]
    public async Task ACooldownOpenedHere_IsToldToTheFleet_WithWhatIsLeftOfItAndTheEvidence()
    {
        _primary.Throws(new ProviderException("slow down", statusCode: 429, errorCode: "rate_limit_exceeded", retryAfter: TimeSpan.FromSeconds(20)));
        FallbackChain<IChatProvider> chain = Chain();

        Assert.Equal(_fallback.Reply, await chain.CompleteAsync());

        Assert.Equal("chat", _fleet.Chain);
        Assert.Equal(new[] { "primary", "fallback" }, _fleet.Providers);
        Assert.Equal(new[] { "open primary 20000 RateLimit group= evidence=429 rate_limit_exceeded" }, _fleet.Told);
    }

    [Fact]
    public async Task ACooldownFromAnotherInstance_IsSkippedHereUntilItEnds_AndIsNotToldBack()
    {
        var observer = new RecordingObserver();
        FallbackChain<IChatProvider> chain = Chain(o => o.Observers.Add(observer));

        _fleet.Member.OpenCooldown(new FleetCooldown("primary", TimeSpan.FromSeconds(30), FailoverReason.Quota, evidence: "429 insufficient_quota"));
        Assert.Equal(_fallback.Reply, await chain.CompleteAsync());
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(_primary.Reply, await chain.CompleteAsync());

        Assert.Single(_primary.Calls);
        Assert.Equal(TimeSpan.FromSeconds(30), _clock.SinceStart(_primary.Calls[0]));
        Assert.DoesNotContain(_fleet.Told, line => line.StartsWith("open", StringComparison.Ordinal));
        CooldownOpened applied = Assert.Single(observer.Events.OfType<CooldownOpened>());
        Assert.True(applied.FromFleet);
        Assert.Equal(FailoverReason.Quota, applied.Reason);
    }

    [Fact]
    public async Task ACooldownFromAnotherInstance_ThatEndsBeforeTheOneHere_ChangesNothing()
    {
        _primary.Throws(new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(60)));
        FallbackChain<IChatProvider> chain = Chain();
        await chain.CompleteAsync();

        _fleet.Member.OpenCooldown(new FleetCooldown("primary", TimeSpan.FromSeconds(5), FailoverReason.RateLimit));
        _clock.Advance(TimeSpan.FromSeconds(10));
        await chain.CompleteAsync();

        Assert.Single(_primary.Calls);
    }

    [Fact]
    public async Task WhileAnotherInstanceHoldsTheProbe_TheProviderStaysSkipped_ForAsLongAsTheFleetSays()
    {
        _primary.Throws(new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(10)));
        FallbackChain<IChatProvider> chain = Chain();
        await chain.CompleteAsync();

        _clock.Advance(TimeSpan.FromSeconds(10));
        _fleet.ProbeHeldElsewhereFor = TimeSpan.FromSeconds(3);
        Assert.Equal(_fallback.Reply, await chain.CompleteAsync());
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(_fallback.Reply, await chain.CompleteAsync());

        Assert.Single(_primary.Calls);
        Assert.Equal(1, _fleet.ProbeClaims);
        _clock.Advance(TimeSpan.FromSeconds(1));
        _fleet.ProbeHeldElsewhereFor = null;
        await chain.CompleteAsync();
        Assert.Equal(2, _primary.CallCount);
    }

    [Fact]
    public async Task ARecoveryHere_IsToldToTheFleet_AndARecoveryElsewhere_EndsTheCooldownHere()
    {
        _primary.Throws(new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(10))).Succeeds();
        FallbackChain<IChatProvider> chain = Chain();
        await chain.CompleteAsync();
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(_primary.Reply, await chain.CompleteAsync());
        Assert.Equal("recovered primary", _fleet.Told[^1]);

        _fleet.Member.OpenCooldown(new FleetCooldown("primary", TimeSpan.FromMinutes(5), FailoverReason.RateLimit));
        Assert.Equal(_fallback.Reply, await chain.CompleteAsync());
        _fleet.Member.Recover("primary");

        Assert.Equal(_primary.Reply, await chain.CompleteAsync());
        Assert.Equal(3, _primary.CallCount);
    }

    [Fact]
    public async Task AnAccountFailure_IsToldForEveryProviderOfTheAccount()
    {
        var sonnet = new ScriptedProvider("sonnet", _clock);
        _primary.Throws(new ProviderException("Your credit balance is too low", statusCode: 402));
        FallbackChain<IChatProvider> chain = FallbackChain.Create<IChatProvider>()
            .WithTimeProvider(_clock)
            .Add("primary", _primary, "anthropic")
            .Add("sonnet", sonnet, "anthropic")
            .Add("fallback", _fallback)
            .ShareCooldowns(_fleet)
            .Build();

        Assert.Equal(_fallback.Reply, await chain.CompleteAsync());

        Assert.Equal(2, _fleet.Told.Count);
        Assert.StartsWith("open primary 600000 Billing group= evidence=402", _fleet.Told[0], StringComparison.Ordinal);
        Assert.StartsWith("open sonnet 600000 Billing group=anthropic", _fleet.Told[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCooldownsInForce_AreListedForTheFleet_WithWhatIsLeftOfThem()
    {
        _primary.Throws(new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(20)));
        FallbackChain<IChatProvider> chain = Chain();
        await chain.CompleteAsync();
        _clock.Advance(TimeSpan.FromSeconds(5));

        FleetCooldown active = Assert.Single(_fleet.Member.ActiveCooldowns());

        Assert.Equal(("primary", TimeSpan.FromSeconds(15), FailoverReason.RateLimit), (active.Provider, active.Remaining, active.Reason));
    }

    [Fact]
    public async Task AFleetThatThrows_NeverFailsACall()
    {
        _primary.Throws(new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(10))).Succeeds();
        _fleet.Throws = true;
        FallbackChain<IChatProvider> chain = Chain();

        Assert.Equal(_fallback.Reply, await chain.CompleteAsync());
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(_primary.Reply, await chain.CompleteAsync());
    }

    [Fact]
    public void NewsAboutAProviderTheChainDoesNotHave_IsIgnored()
    {
        Chain();

        _fleet.Member.OpenCooldown(new FleetCooldown("someone-else", TimeSpan.FromSeconds(30), FailoverReason.RateLimit));
        _fleet.Member.Recover("someone-else");

        Assert.Empty(_fleet.Member.ActiveCooldowns());
    }

    private FallbackChain<IChatProvider> Chain(Action<FallbackChainOptions>? configure = null) =>
        FallbackChain.Create<IChatProvider>()
            .WithTimeProvider(_clock)
            .Configure(o =>
            {
                o.Name = "chat";
                o.MaxRetryAfterWait = TimeSpan.Zero;
                o.Retry.MaxRetryAttempts = 0;
                configure?.Invoke(o);
            })
            .Add("primary", _primary)
            .Add("fallback", _fallback)
            .ShareCooldowns(_fleet)
            .Build();
}
