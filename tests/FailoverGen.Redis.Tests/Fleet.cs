using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using ChatFailover.FakeProviders;

namespace FailoverGen.Redis.Tests;

/// <summary>
/// What the fleet tests share: a real redis-server, a primary provider on loopback that answers with OpenAI's 429 and
/// counts every request it gets (the wasted requests), a fallback that answers, and the app instances started.
/// </summary>
internal sealed class Fleet : IAsyncDisposable
{
    private readonly List<FleetNodeProcess> _nodes = new();

    private Fleet(RedisServer redis, LoopbackProvider primary, LoopbackProvider fallback)
    {
        Redis = redis;
        Primary = primary;
        Fallback = fallback;
    }

    public RedisServer Redis { get; }

    public LoopbackProvider Primary { get; }

    public LoopbackProvider Fallback { get; }

    /// <summary>A chain name of its own per test, so tests never see each other's keys.</summary>
    public string Chain { get; } = "chat-" + Guid.NewGuid().ToString("N")[..8];

    public static async Task<Fleet> StartAsync() =>
        new(await RedisServer.StartAsync(), await LoopbackProvider.StartAsync(ProviderReplies.OpenAiRateLimited), await LoopbackProvider.StartAsync(ProviderReplies.OpenAiSuccess));

    /// <summary>Starts an app instance; <paramref name="shared"/> false runs it without Redis, as each instance does today.</summary>
    public async Task<FleetNodeProcess> NodeAsync(string name, TimeSpan cooldown, bool shared = true)
    {
        FleetNodeProcess node = await FleetNodeProcess.StartAsync(name, shared ? Redis.Configuration : "none", Chain, Primary.BaseAddress, Fallback.BaseAddress, cooldown);
        _nodes.Add(node);
        return node;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (FleetNodeProcess node in _nodes)
        {
            await node.DisposeAsync();
        }

        await Primary.DisposeAsync();
        await Fallback.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
