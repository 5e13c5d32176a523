using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Threading.Tasks;
using FailoverGen.Redis;

namespace FailoverGen.PackageTests;

/// <summary>FailoverGen.Redis as a consumer gets it: a package that brings StackExchange.Redis and works with the FailoverGen package of the same version.</summary>
public sealed class PackagedRedisTests
{
    [Fact]
    public void TheRedisPackage_IsTheVersionPackedWithTheCore()
    {
        string expected = typeof(PackagedRedisTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "FailoverGenVersion").Value!;

        Assert.StartsWith(expected, typeof(RedisCooldownFleet).Assembly.GetName().Version!.ToString(), StringComparison.Ordinal);
        Assert.Equal("StackExchange.Redis", typeof(StackExchange.Redis.IConnectionMultiplexer).Assembly.GetName().Name);
    }

    [Fact]
    public async Task AChainSharingCooldownsThroughAnUnreachableRedis_StillFailsOverOnItsOwnState()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        IGreetingProvider greeter = new GreetingProviderFailover(FallbackChain.Create<IGreetingProvider>()
            .Add("primary", new FailingGreetingProvider(new ProviderException("slow down", statusCode: 429)))
            .Add("secondary", new HealthyGreetingProvider("secondary"))
            .UseRedisCooldowns($"127.0.0.1:{port},connectTimeout=200")
            .Build());

        Assert.Equal("secondary: hello Ada", await greeter.GreetAsync("Ada"));
    }
}
