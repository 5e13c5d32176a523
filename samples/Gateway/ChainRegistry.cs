using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using System.Collections.Generic;
using FailoverGen;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;

[assembly: FallbackChainFor(typeof(IChatClient))]

namespace Gateway;

/// <summary>
/// One FailoverGen chain per pair of models (the one a request names, and its fallback), built on first use and kept:
/// its cooldowns and health are what let later requests skip a provider that is down. The providers are
/// Microsoft.Extensions.AI clients over the OpenAI SDK, with the SDK's own retries off so the chain alone decides.
/// </summary>
public sealed class ChainRegistry
{
    private readonly ConcurrentDictionary<(string Primary, string Fallback), Lazy<Entry>> _chains = new();
    private readonly GatewaySettings _settings;
    private readonly IServiceProvider _services;

    public ChainRegistry(IOptions<GatewaySettings> settings, IServiceProvider services)
    {
        _settings = settings.Value;
        _settings.Validate();
        _services = services;
    }

    /// <summary>The chains built so far, by "primary → fallback".</summary>
    public IEnumerable<KeyValuePair<string, FallbackChain<IChatClient>>> Chains
    {
        get
        {
            foreach (KeyValuePair<(string Primary, string Fallback), Lazy<Entry>> pair in _chains)
            {
                if (pair.Value.IsValueCreated)
                {
                    yield return new(pair.Key.Primary + " → " + pair.Key.Fallback, pair.Value.Value.Chain);
                }
            }
        }
    }

    /// <summary>The client that serves <paramref name="model"/>, failing over to <paramref name="fallbackModel"/> (or the configured one).</summary>
    public IChatClient For(string model, string? fallbackModel)
    {
        string primary = _settings.Primary.Model ?? model;
        string fallback = string.IsNullOrEmpty(fallbackModel) ? _settings.Fallback.Model! : fallbackModel;
        return _chains.GetOrAdd((primary, fallback), key => new Lazy<Entry>(() => Create(key.Primary, key.Fallback))).Value.Client;
    }

    private Entry Create(string primary, string fallback)
    {
        FallbackChainBuilder<IChatClient> builder = FallbackChain.Create<IChatClient>()
            .UseServices(_services)
            .Add(primary, Client(_settings.Primary, primary))
            .Configure(o => o.Name = "gateway:" + primary);
        if (fallback != primary)
        {
            builder.Add(fallback, Client(_settings.Fallback, fallback));
        }

        FallbackChain<IChatClient> chain = builder.Build();
        return new Entry(chain, new ChatClientFailover(chain));
    }

    private static IChatClient Client(UpstreamSettings upstream, string model)
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = new Uri(upstream.BaseUrl),
            // The chain retries what is worth retrying and owns the timeouts; the SDK would otherwise retry a 429 or
            // a silent connection on its own, out of the chain's sight.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = TimeSpan.FromMinutes(10),
        };
        return new OpenAIClient(new ApiKeyCredential(upstream.ApiKey), options).GetChatClient(model).AsIChatClient();
    }

    private sealed record Entry(FallbackChain<IChatClient> Chain, IChatClient Client);
}
