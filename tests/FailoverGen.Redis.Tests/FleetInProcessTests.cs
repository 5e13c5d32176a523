using System;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using ChatFailover;
using ChatFailover.FakeProviders;
using ChatFailover.Providers;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace FailoverGen.Redis.Tests;

/// <summary>The fleet's own behaviour in one process: configuration, an unreachable Redis, and the messages it reads.</summary>
public sealed class FleetInProcessTests
{
    private readonly ITestOutputHelper _output;

    public FleetInProcessTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public async Task RedisUnreachableAtStart_LogsOnceWhatIsWrong_WorksOnLocalState_AndSharesWhenRedisComesUp()
    {
        int port = RedisServer.FreePort();
        var logs = new SignalingLoggerProvider();
        using ILoggerFactory loggers = LoggerFactory.Create(logging => logging.AddProvider(logs));
        await using LoopbackProvider primary = await LoopbackProvider.StartAsync(ProviderReplies.OpenAiRateLimited);
        await using LoopbackProvider fallback = await LoopbackProvider.StartAsync(ProviderReplies.OpenAiSuccess);
        using var primaryHttp = new HttpClient { BaseAddress = primary.BaseAddress };
        using var fallbackHttp = new HttpClient { BaseAddress = fallback.BaseAddress };
        string chain = "unreachable-" + Guid.NewGuid().ToString("N")[..8];
        using var fleet = new RedisCooldownFleet(new RedisCooldownOptions { Configuration = $"127.0.0.1:{port},connectTimeout=1000", LoggerFactory = loggers });
        var chat = new ChatProviderFailover(FallbackChain.Create<IChatProvider>()
            .Add("primary", new OpenAiClient(primaryHttp, "gpt-4o-mini"))
            .Add("fallback", new OpenAiClient(fallbackHttp, "gpt-4.1-mini"))
            .Configure(options =>
            {
                options.Name = chain;
                options.Retry.MaxRetryAttempts = 0;
            })
            .ShareCooldowns(fleet)
            .Build());

        string warning = await logs.Logged(1101).WaitAsync(TimeSpan.FromSeconds(30));
        _output.WriteLine(warning);
        Assert.Contains($"127.0.0.1:{port}", warning);
        Assert.Contains("decides its cooldowns alone", warning);
        Assert.False(fleet.IsShared);

        Assert.Equal("gpt-4.1-mini", (await chat.CompleteAsync(new ChatRequest("one"))).Model);
        Assert.Equal("gpt-4.1-mini", (await chat.CompleteAsync(new ChatRequest("two"))).Model);
        Assert.Equal(1, primary.Requests);

        await using RedisServer redis = await RedisServer.StartAsync(port);
        await fleet.WaitUntilSyncedAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(fleet.IsShared);
        Assert.Single(logs.Messages, message => message.StartsWith("1101 ", StringComparison.Ordinal));
        using ConnectionMultiplexer direct = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        TimeSpan? left = await direct.GetDatabase().KeyTimeToLiveAsync($"failovergen:{chain}:cooldown:primary");
        Assert.True(left > TimeSpan.Zero, "the cooldown opened while Redis was away was not handed to it");
    }

    [Fact]
    public void MissingOrInvalidOptions_AreRejectedWithAMessageThatNamesTheSetting()
    {
        Assert.Contains("Configuration", Assert.Throws<ArgumentException>(() => new RedisCooldownFleet(new RedisCooldownOptions())).Message);
        Assert.Contains("not a valid StackExchange.Redis configuration string", Assert.Throws<ArgumentException>(() =>
            new RedisCooldownFleet(new RedisCooldownOptions { Configuration = "localhost:6379,connectTimeout=soon" })).Message);
        Assert.Contains("ProbeLease", Assert.Throws<ArgumentOutOfRangeException>(() =>
            new RedisCooldownFleet(new RedisCooldownOptions { Configuration = "localhost", ProbeLease = TimeSpan.FromMilliseconds(1) })).Message);
        Assert.Contains("QueueCapacity", Assert.Throws<ArgumentOutOfRangeException>(() =>
            new RedisCooldownFleet(new RedisCooldownOptions { Configuration = "localhost", QueueCapacity = 0 })).Message);
        Assert.Contains("KeyPrefix", Assert.Throws<ArgumentException>(() =>
            new RedisCooldownFleet(new RedisCooldownOptions { Configuration = "localhost", KeyPrefix = " " })).Message);
    }

    [Fact]
    public void OneFleetForTwoChains_IsRefusedWithAMessage()
    {
        using var fleet = new RedisCooldownFleet(new RedisCooldownOptions { Configuration = $"127.0.0.1:{RedisServer.FreePort()},connectTimeout=100" });
        FallbackChain.Create<IChatProvider>().Add("only", new OpenAiClient(new HttpClient(), "m")).ShareCooldowns(fleet).Build();

        var refused = Assert.Throws<InvalidOperationException>(() =>
            FallbackChain.Create<IChatProvider>().Add("only", new OpenAiClient(new HttpClient(), "m")).ShareCooldowns(fleet).Build());
        Assert.Contains("one fleet per chain", refused.Message);
    }

    [Fact]
    public void FleetMessages_RoundTrip_AndAnyOtherBytesAreIgnoredWithoutThrowing()
    {
        var open = new FleetMessage(FleetMessage.Open, "sender", "primary", 1500, FailoverReason.Quota, "account", "429 insufficient_quota");
        FleetMessage read = FleetMessage.Parse(open.ToJson())!;
        Assert.Equal((open.Kind, open.Sender, open.Provider, open.RemainingMilliseconds, open.Reason, open.Group, open.Evidence),
            (read.Kind, read.Sender, read.Provider, read.RemainingMilliseconds, read.Reason, read.Group, read.Evidence));
        Assert.Equal(FleetMessage.Recovered, FleetMessage.Parse(new FleetMessage(FleetMessage.Recovered, "s", "p").ToJson())!.Kind);

        const int seed = 20261201;
        _output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        byte[] valid = open.ToJson();
        for (int i = 0; i < 5_000; i++)
        {
            byte[] mutated = (byte[])valid.Clone();
            int edits = random.Next(1, 6);
            for (int e = 0; e < edits; e++)
            {
                mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            }

            byte[] input = random.Next(4) == 0 ? mutated.Take(random.Next(mutated.Length)).ToArray() : mutated;
            FleetMessage? parsed = FleetMessage.Parse(input);
            Assert.True(parsed is null || parsed.Kind is FleetMessage.Open or FleetMessage.Recovered, $"seed {seed}, case {i}: {Encoding.UTF8.GetString(input)}");
        }

        Assert.Null(FleetMessage.Parse(Encoding.UTF8.GetBytes("{\"v\":2,\"kind\":\"open\",\"sender\":\"s\",\"provider\":\"p\"}")));
        Assert.Null(FleetMessage.Parse(Encoding.UTF8.GetBytes("not json")));

        // Reduced from the fuzz (seed 20261201): a string that is not valid UTF-8 made the reader throw.
        Assert.Null(FleetMessage.Parse(new byte[] { (byte)'{', (byte)'"', (byte)'v', (byte)'"', (byte)':', (byte)'"', 0xF0, (byte)'"', (byte)'}' }));
        Assert.Null(FleetMessage.Parse(Array.Empty<byte>()));
    }
}
