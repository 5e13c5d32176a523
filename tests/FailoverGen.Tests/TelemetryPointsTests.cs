using System;
using System.Threading.Tasks;
using FailoverGen.Tests.Fakes;

namespace FailoverGen.Tests;

/// <summary>The engine reports attempts, switches, cooldowns, recoveries and exhaustions where they happen.</summary>
public sealed class TelemetryPointsTests
{
    private readonly TestClock _clock = new();

    [Fact]
    public async Task RateLimitThenRecovery_IsReportedInOrder()
    {
        var telemetry = new RecordingTelemetry();
        var primary = new ScriptedProvider("primary", _clock)
            .Throws(new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(20)))
            .Succeeds();
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.Telemetry = telemetry, primary, fallback);

        await chain.CompleteAsync();
        _clock.Advance(TimeSpan.FromSeconds(20));
        await chain.CompleteAsync();

        Assert.Equal(
            new[]
            {
                "cooldown 0 until 00:00:20 (RateLimit)",
                "passed over primary: rate limited (429, retry after 20 s)",
                "switched to fallback",
                "recovered 0",
            },
            telemetry.Events);
    }

    [Fact]
    public async Task GroupCooldownAndExhaustion_AreReported()
    {
        var telemetry = new RecordingTelemetry();
        var opus = new ScriptedProvider("opus", _clock).Throws(new ProviderException("bad key", statusCode: 401));
        var sonnet = new ScriptedProvider("sonnet", _clock);
        FallbackChain<IChatProvider> chain = FallbackChain.Create<IChatProvider>()
            .WithTimeProvider(_clock)
            .Configure(o => o.Telemetry = telemetry)
            .Add("opus", opus, "anthropic")
            .Add("sonnet", sonnet, "anthropic")
            .Build();

        await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => chain.CompleteAsync());

        Assert.Contains("cooldown 1 until 00:15:00 (Auth, group anthropic)", telemetry.Events);
        Assert.Equal("exhausted 2", telemetry.Events[^1]);
    }
}
