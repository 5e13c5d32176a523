using System;
using System.Net.Http;
using System.Threading.Tasks;
using ChatFailover.FakeProviders;
using ChatFailover.Providers;
using FailoverGen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ChatFailover;

/// <summary>
/// <c>dotnet run --project samples/ChatFailover -- --serve [url]</c>: the same three loopback providers behind a minimal
/// ASP.NET Core app. <c>GET /chat?prompt=…</c> goes through the chain; <c>GET /status</c> shows provider health. The
/// chain takes the app's logger and meter factories, and OpenTelemetry writes its spans and metrics to the console.
/// </summary>
public static class StatusServer
{
    public static async Task<int> RunAsync(string[] args)
    {
        string url = args.Length > 1 ? args[1] : "http://127.0.0.1:5080";
        await using LoopbackProvider gemini = await LoopbackProvider.StartAsync(ProviderReplies.GeminiRateLimited);
        await using LoopbackProvider anthropic = await LoopbackProvider.StartAsync(ProviderReplies.AnthropicOverloaded);
        await using LoopbackProvider openai = await LoopbackProvider.StartAsync(ProviderReplies.OpenAiSuccess);

        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.AddOpenTelemetry()
            // The request span is the chain call's parent: without it the default parent-based sampler drops the chain's spans.
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddSource(FailoverDiagnostics.ActivitySourceName).AddConsoleExporter())
            .WithMetrics(metrics => metrics
                .AddMeter(FailoverDiagnostics.MeterName)
                .AddConsoleExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 10_000));
        builder.Services.AddSingleton(services => FallbackChain.Create<IChatProvider>()
            .UseServices(services)
            .Add("google/gemini-2.5-flash", new GeminiClient(new HttpClient { BaseAddress = gemini.BaseAddress }, "gemini-2.5-flash"))
            .Add("anthropic/claude-haiku-4-5", new AnthropicClient(new HttpClient { BaseAddress = anthropic.BaseAddress }, "claude-haiku-4-5"))
            .Add("openai/gpt-4o-mini", new OpenAiClient(new HttpClient { BaseAddress = openai.BaseAddress }, "gpt-4o-mini"))
            .Configure(options =>
            {
                options.Name = "chat";
                options.Retry.Delay = TimeSpan.FromMilliseconds(100);
            })
            .Build());
        builder.Services.AddSingleton<IChatProvider>(services => new ChatProviderFailover(services.GetRequiredService<FallbackChain<IChatProvider>>()));
        builder.Services.AddHealthChecks().AddCheck<FallbackChainHealthCheck<IChatProvider>>("chat");

        await using WebApplication app = builder.Build();
        app.MapGet("/chat", async (string? prompt, IChatProvider chat) =>
        {
            ChatReply reply = await chat.CompleteAsync(new ChatRequest(prompt ?? "Hello"));
            return Results.Text($"{reply.Model}: {reply.Text}\n");
        });
        app.MapFailoverStatus();

        Console.WriteLine($"Serving on {url}: try  curl '{url}/chat?prompt=hi'  and  curl {url}/status  (Ctrl+C stops)");
        await app.RunAsync();
        return 0;
    }
}
