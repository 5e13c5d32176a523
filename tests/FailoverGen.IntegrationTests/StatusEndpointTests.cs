using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using ChatFailover;
using ChatFailover.FakeProviders;
using ChatFailover.Providers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace FailoverGen.IntegrationTests;

/// <summary>
/// The chain's health check behind ASP.NET Core's MapHealthChecks, asked over real HTTP while real HttpClients fail over
/// between loopback providers that send the providers' real error bodies.
/// </summary>
public sealed class StatusEndpointTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private readonly HttpClient _client = new();
    private LoopbackProvider _gemini = null!;
    private LoopbackProvider _openai = null!;
    private WebApplication _app = null!;
    private FallbackChain<IChatProvider> _chain = null!;

    public async Task InitializeAsync()
    {
        _gemini = await LoopbackProvider.StartAsync(ProviderReplies.OpenAiSuccess);
        _openai = await LoopbackProvider.StartAsync(ProviderReplies.OpenAiSuccess);
        _chain = FallbackChain.Create<IChatProvider>()
            .WithTimeProvider(_time)
            .Add("google/gemini-2.5-flash", new GeminiClient(new HttpClient { BaseAddress = _gemini.BaseAddress }, "gemini-2.5-flash"))
            .Add("openai/gpt-4o-mini", new OpenAiClient(new HttpClient { BaseAddress = _openai.BaseAddress }, "gpt-4o-mini"))
            .Configure(o =>
            {
                o.Name = "chat";
                o.Retry.MaxRetryAttempts = 0;
            })
            .Build();

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddHealthChecks().AddCheck("chat", new FallbackChainHealthCheck<IChatProvider>(_chain));
        _app = builder.Build();
        _app.MapFailoverStatus();
        await _app.StartAsync();
        _client.BaseAddress = new Uri(_app.Urls.First());
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        await _gemini.DisposeAsync();
        await _openai.DisposeAsync();
    }

    [Fact]
    public async Task FreshChain_IsHealthy()
    {
        (HttpStatusCode status, JsonElement body) = await GetStatusAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        JsonElement providers = body.GetProperty("chains").GetProperty("chat").GetProperty("providers");
        Assert.Equal(new[] { "google/gemini-2.5-flash", "openai/gpt-4o-mini" }, providers.EnumerateArray().Select(p => p.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task RateLimitedPrimary_ShowsAsCoolingDown_AndTheChainDegraded()
    {
        _gemini.Reply = ProviderReplies.GeminiRateLimited;
        IChatProvider chat = new ChatProviderFailover(_chain);

        await chat.CompleteAsync(new ChatRequest("hi"));
        (HttpStatusCode status, JsonElement body) = await GetStatusAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", body.GetProperty("status").GetString());
        JsonElement chain = body.GetProperty("chains").GetProperty("chat");
        Assert.Equal("1 of 2 providers of chat take calls now.", chain.GetProperty("description").GetString());
        JsonElement gemini = chain.GetProperty("providers")[0];
        Assert.Equal("CoolingDown", gemini.GetProperty("state").GetString());
        Assert.Equal("RateLimit", gemini.GetProperty("cooldownReason").GetString());
        Assert.Equal(_time.GetUtcNow().AddSeconds(26), gemini.GetProperty("coolingUntil").GetDateTimeOffset());
        Assert.Equal(1, gemini.GetProperty("failures").GetInt32());
        JsonElement openai = chain.GetProperty("providers")[1];
        Assert.Equal("Available", openai.GetProperty("state").GetString());
        Assert.Equal(1, openai.GetProperty("successes").GetInt32());
    }

    [Fact]
    public async Task EveryProviderCoolingDown_Answers503Unhealthy()
    {
        _gemini.Reply = ProviderReplies.GeminiRateLimited;
        _openai.Reply = ProviderReplies.OpenAiRateLimited;
        IChatProvider chat = new ChatProviderFailover(_chain);

        await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => chat.CompleteAsync(new ChatRequest("hi")));
        (HttpStatusCode status, JsonElement body) = await GetStatusAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetStatusAsync()
    {
        using HttpResponseMessage response = await _client.GetAsync("/status");
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, json.RootElement.Clone());
    }
}
