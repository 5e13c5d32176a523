using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;

namespace FailoverGen.Benchmarks.Peers;

/// <summary>A healthy stream of 16 updates, read to the end: the per-item cost of failing over streams.</summary>
[MemoryDiagnoser]
public class Peers5Streaming
{
    private readonly FakeChatClient _client = new("primary");
    private IChatClient _meai = null!;
    private IChatClient _failoverGen = null!;

    [GlobalSetup]
    public void Setup()
    {
        IChatClient[] clients = { _client, new FakeChatClient("fallback") };
        _meai = Contenders.Meai(clients);
        _failoverGen = Contenders.FailoverGen(clients);
    }

    [Benchmark(Baseline = true)]
    public Task<int> Direct() => Read(_client);

    [Benchmark]
    public Task<int> Meai() => Read(_meai);

    [Benchmark]
    public Task<int> FailoverGen() => Read(_failoverGen);

    private static async Task<int> Read(IChatClient client)
    {
        int items = 0;
        await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync(Contenders.Messages).ConfigureAwait(false))
        {
            items += update.Contents.Count;
        }

        return items;
    }
}
