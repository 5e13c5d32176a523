using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace FailoverGen.Gateway.Tests;

/// <summary>
/// The gateway sample through each fault of the wall, streaming live as a client would read it, checked the way the
/// published scenario definitions check them: attempts at the primary, timing, no truncated answer passed off as
/// complete, the model and usage reported, the gateway still healthy afterwards.
/// </summary>
public sealed class FaultWallTests : IAsyncLifetime
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(45);
    private GatewayUnderTest _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewayUnderTest.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task S01_A429WithRetryAfter2_IsWaitedOutOnThePrimary_WhichThenAnswers()
    {
        BenchResult result = await CallAsync("fb-s01-429-retry-after");

        Assert.True(result.Complete, result.ToString());
        IReadOnlyList<WallRequest> primary = _gateway.Attempts("fb-s01-429-retry-after");
        Assert.Equal(2, primary.Count);
        Assert.True(primary[1].At - primary[0].At >= TimeSpan.FromSeconds(1.8), $"second attempt after {(primary[1].At - primary[0].At).TotalSeconds:F2} s");
        Assert.Equal("fb-s01-429-retry-after", result.ReportedModel);
    }

    [Fact]
    public async Task S02_APersistent429_FailsOverAtOnce_WithoutHammering()
    {
        BenchResult result = await CallAsync("fb-s02-429-persistent");

        Assert.True(result.Complete, result.ToString());
        Assert.Single(_gateway.Attempts("fb-s02-429-persistent"));
        Assert.Equal("fb-ok", result.ReportedModel);
    }

    [Fact]
    public async Task S03_A500ThenHealthy_IsRetriedOnTheSameProvider()
    {
        BenchResult result = await CallAsync("fb-s03-500-then-200");

        Assert.True(result.Complete, result.ToString());
        Assert.True(_gateway.Attempts("fb-s03-500-then-200").Count == 2, Describe());
        Assert.Empty(_gateway.Attempts("fb-ok"));
    }

    [Fact]
    public async Task S04_APersistent503_IsRetriedOnceThenFailedOver_WithinSixAttempts()
    {
        BenchResult result = await CallAsync("fb-s04-503-persistent");

        Assert.True(result.Complete, result.ToString());
        Assert.InRange(_gateway.Attempts("fb-s04-503-persistent").Count, 1, 6);
    }

    [Fact]
    public async Task S05_AConnectionResetBeforeAnyByte_IsRetriedAndAnswered()
    {
        BenchResult result = await CallAsync("fb-s05-reset");

        Assert.True(result.Complete, result.ToString());
    }

    [Fact]
    public async Task S06_AProviderThatNeverResponds_IsLeftAfterOneFirstItemLimit_NotRetried()
    {
        BenchResult result = await CallAsync("fb-s06-no-response");

        Assert.True(result.Complete, result.ToString());
        Assert.Single(_gateway.Attempts("fb-s06-no-response"));
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(6), result.ToString());
    }

    [Fact]
    public async Task S07_AFirstTokenSlowerThanTheLimit_FailsOverWithinTheLimit()
    {
        BenchResult result = await CallAsync("fb-s07-slow-ttft");

        Assert.True(result.Complete, result.ToString());
        Assert.Equal("fb-ok", result.ReportedModel);
        Assert.True(result.Elapsed < GatewayUnderTest.Timing.SlowTtft, result.ToString());
    }

    [Fact]
    public async Task S08_AStreamCutMidAnswer_IsContinuedOnTheFallback_IntoTheCompleteAnswer()
    {
        BenchResult result = await CallAsync("fb-s08-stream-cut");

        Assert.False(result.TruncatedSuccess, result.ToString());
        Assert.True(result.Complete, result.ToString());
        WallRequest continued = Assert.Single(_gateway.Attempts("fb-ok"));
        Assert.Equal("assistant", continued.LastRole);
    }

    [Fact]
    public async Task S09_AStallMidAnswer_IsCaughtByTheIdleLimit_AndContinued()
    {
        BenchResult result = await CallAsync("fb-s09-stream-stall");

        Assert.True(result.Complete, result.ToString());
        Assert.True(result.Elapsed < GatewayUnderTest.Timing.Stall, result.ToString());
        Assert.True(await AliveAsync());
    }

    [Fact]
    public async Task S10_AMalformedChunk_NeverLeaksIntoTheAnswer_AndTheAnswerIsCompleted()
    {
        BenchResult result = await CallAsync("fb-s10-malformed-chunk");

        Assert.False(result.TruncatedSuccess, result.ToString());
        Assert.True(result.Complete, result.ToString());
        Assert.True(await AliveAsync());
    }

    [Fact]
    public async Task S11_AStreamWithoutDone_EndsPromptly_WithItsUsage()
    {
        BenchResult result = await CallAsync("fb-s11-no-done");

        Assert.True(result.Complete, result.ToString());
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(8), result.ToString());
        Assert.NotNull(result.Usage);
    }

    [Fact]
    public async Task S12_AContextOverflow_IsNeverResent_AndGoesToTheFallback()
    {
        BenchResult result = await CallAsync("fb-s12-context-length");

        Assert.True(result.Complete, result.ToString());
        Assert.Single(_gateway.Attempts("fb-s12-context-length"));
    }

    [Fact]
    public async Task S13_AContentFilterRefusal_IsPassedThroughOnce_AsAnError()
    {
        BenchResult result = await CallAsync("fb-s13-content-filter");

        Assert.False(result.Ok, result.ToString());
        Assert.Equal(400, result.Status);
        Assert.Contains("safety system", result.Error, StringComparison.Ordinal);
        Assert.Single(_gateway.Attempts("fb-s13-content-filter"));
        Assert.Empty(_gateway.Attempts("fb-ok"));
    }

    [Fact]
    public async Task S14_AStreamCutWhereTheFallbackRefusesPrefill_IsRestartedThere_AndOnlyTheRestReachesTheClient()
    {
        _gateway.Wall.Reset();
        BenchResult result = await _gateway.Client.CallAsync("fb-s14-stream-cut", "fb-ok-noprefill", stream: true, Limit);

        Assert.False(result.TruncatedSuccess, result.ToString());
        Assert.True(result.Complete, result.ToString());
        IReadOnlyList<WallRequest> fallback = _gateway.Attempts("fb-ok-noprefill");
        Assert.Equal(new[] { "400 prefill_rejected", "200 stream" }, fallback.Select(r => r.Action));
    }

    [Fact]
    public async Task S15_AFlappingPrimary_IsServedByTheFallbackDuringTheOutage_AndUsedAgainAfter()
    {
        const string model = "fb-s15-flap";
        var results = new List<(TimeSpan Sent, BenchResult Result)>();
        DateTime start = DateTime.UtcNow;
        for (int i = 0; i < 10; i++)
        {
            TimeSpan sent = DateTime.UtcNow - start;
            results.Add((sent, await CallAsync(model, reset: i == 0)));
            TimeSpan next = TimeSpan.FromMilliseconds(600 * (i + 1)) - (DateTime.UtcNow - start);
            if (next > TimeSpan.Zero)
            {
                await Task.Delay(next);
            }
        }

        Assert.All(results, r => Assert.True(r.Result.Complete, r.Result.ToString()));
        IReadOnlyList<WallRequest> primary = _gateway.Attempts(model);
        WallRequest recovered = primary.First(r => r.Action.StartsWith("200", StringComparison.Ordinal));
        Assert.True(recovered.At - GatewayUnderTest.Timing.FlapDown <= TimeSpan.FromSeconds(3), $"primary used again {(recovered.At - GatewayUnderTest.Timing.FlapDown).TotalSeconds:F1} s after it recovered");
        int duringOutage = results.Count(r => r.Sent < GatewayUnderTest.Timing.FlapDown);
        Assert.True(primary.Count(r => r.At < GatewayUnderTest.Timing.FlapDown) <= duringOutage * 2, string.Join(" | ", primary.Select(r => $"{r.At.TotalSeconds:F2} {r.Action}")));
    }

    [Fact]
    public async Task S16_AnAnswerFromTheFallback_NamesTheFallbacksModel_AndItsUsage()
    {
        BenchResult result = await CallAsync("fb-s16-503-persistent");

        Assert.True(result.Complete, result.ToString());
        Assert.Contains("fb-ok", result.ReportedModel, StringComparison.Ordinal);
        using JsonDocument usage = JsonDocument.Parse(result.Usage!);
        Assert.Equal(60, usage.RootElement.GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task AStreamThatBreaksWithNothingLeftToContinueIt_EndsWithAnInBandErrorEvent_NotAsAnAnswer()
    {
        _gateway.Wall.Reset();
        BenchResult result = await _gateway.Client.CallAsync("fb-s08-stream-cut", "fb-s08-stream-cut", stream: true, Limit);

        Assert.False(result.Ok, result.ToString());
        Assert.Equal(200, result.Status);
        Assert.StartsWith("in-band error", result.Error, StringComparison.Ordinal);
        Assert.Equal(GatewayUnderTest.Timing.CutAfterTokens, result.Words);
    }

    [Fact]
    public async Task TheStatusEndpoint_ShowsEachChainsProviders_AndTheirState()
    {
        await CallAsync("fb-s02-429-persistent");

        string status = await _gateway.Http.GetStringAsync("status");

        using JsonDocument json = JsonDocument.Parse(status);
        JsonElement providers = json.RootElement.GetProperty("chains").GetProperty("fb-s02-429-persistent → fb-ok");
        Assert.Equal("CoolingDown", providers[0].GetProperty("state").GetString());
        Assert.Equal("RateLimit", providers[0].GetProperty("cooldownReason").GetString());
        Assert.Equal("Available", providers[1].GetProperty("state").GetString());
    }

    private async Task<BenchResult> CallAsync(string model, bool reset = true)
    {
        if (reset)
        {
            _gateway.Wall.Reset();
        }

        return await _gateway.Client.CallAsync(model, "fb-ok", stream: true, Limit);
    }

    private string Describe() => string.Join(" | ", _gateway.Wall.Log.Select(r => $"{r.At.TotalSeconds:F2}s {r.Model} #{r.Attempt} {r.Action}"));

    /// <summary>The published alive probe: the healthy model, not streamed, answers in full.</summary>
    private async Task<bool> AliveAsync()
    {
        BenchResult alive = await _gateway.Client.CallAsync("fb-ok", fallback: null, stream: false, TimeSpan.FromSeconds(10));
        return alive.Complete;
    }
}
