using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace FailoverGen.Gateway.Tests;

/// <summary>
/// The gateway sample on a loopback port, its primary and fallback both pointed at the fault wall (the model decides
/// the fault), with the chain's settings of <c>appsettings.json</c> scaled down so the wall's faults play out in
/// seconds: limits of three seconds where the sample has ten (long enough for a process's first, uncompiled request),
/// and the wall's own waits shortened to match.
/// </summary>
internal sealed class GatewayUnderTest : IAsyncDisposable
{
    /// <summary>The wall's timings for the tests: every fault is longer than the gateway's limit that should catch it.</summary>
    public static readonly WallTiming Timing = new(
        SlowTtft: TimeSpan.FromSeconds(8),
        Stall: TimeSpan.FromSeconds(8),
        NoResponse: TimeSpan.FromSeconds(15),
        FlapDown: TimeSpan.FromSeconds(3),
        TokenInterval: TimeSpan.FromMilliseconds(1));

    private readonly WebApplication _gateway;
    private readonly HttpClient _http;

    private GatewayUnderTest(FaultWall wall, WebApplication gateway)
    {
        Wall = wall;
        _gateway = gateway;
        _http = new HttpClient { BaseAddress = new Uri(gateway.Urls.First() + "/") };
        Client = new BenchClient(_http);
    }

    public FaultWall Wall { get; }

    public BenchClient Client { get; }

    public HttpClient Http => _http;

    public static async Task<GatewayUnderTest> StartAsync()
    {
        FaultWall wall = await FaultWall.StartAsync(Timing);
        WebApplication gateway = global::Gateway.GatewayApp.Create(Array.Empty<string>(), builder =>
        {
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                // The sample's appsettings.json, with the limits scaled down.
                ["Gateway:Primary:BaseUrl"] = wall.BaseUrl,
                ["Gateway:Primary:ApiKey"] = "failoverbench",
                ["Gateway:Fallback:BaseUrl"] = wall.BaseUrl,
                ["Gateway:Fallback:ApiKey"] = "failoverbench",
                ["Gateway:Fallback:Model"] = "fb-ok",
                ["Gateway:FallbackModelHeader"] = "x-fallback-model",
                ["Failover:ShortRetryAfterWait"] = "00:00:02",
                ["Failover:ContinueStreamsOnFailure"] = "true",
                ["Failover:FailoverOn:Reasons:0"] = "ContextOverflow",
                ["Failover:FirstItemTimeout"] = "00:00:03",
                ["Failover:StreamIdleTimeout"] = "00:00:03",
                ["Failover:AttemptTimeout"] = "00:00:05",
                ["Failover:Retry:Delay"] = "00:00:00.100",
                ["Failover:Cooldowns:Transient"] = "00:00:01",
                ["Failover:Cooldowns:Maximum"] = "00:00:02",
            });
        });
        await gateway.StartAsync();
        return new GatewayUnderTest(wall, gateway);
    }

    /// <summary>Requests the wall logged for <paramref name="model"/> since the last reset.</summary>
    public IReadOnlyList<WallRequest> Attempts(string model) => Wall.Log.Where(r => r.Model == model).ToArray();

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _gateway.StopAsync();
        await _gateway.DisposeAsync();
        await Wall.DisposeAsync();
    }
}
