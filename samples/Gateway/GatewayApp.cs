using System;
using FailoverGen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gateway;

/// <summary>
/// The gateway: <c>POST /v1/chat/completions</c> and <c>GET /status</c>, configured from appsettings (the upstreams
/// under <c>Gateway</c>, the chain's settings under <c>Failover</c>). Tests build it with their own configuration.
/// </summary>
public static class GatewayApp
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.Services.Configure<GatewaySettings>(builder.Configuration.GetSection("Gateway"));
        builder.Services.AddFailoverSettings<IChatClient>(builder.Configuration.GetSection("Failover"));
        builder.Services.AddSingleton<ChainRegistry>();

        WebApplication app = builder.Build();
        app.MapPost("/v1/chat/completions", (HttpContext context, ChainRegistry chains, IOptions<GatewaySettings> settings) =>
            ChatCompletionsEndpoint.HandleAsync(context, chains, settings));
        app.MapGet("/status", (HttpContext context, ChainRegistry chains) => GatewayStatus.WriteAsync(context, chains));
        return app;
    }
}
