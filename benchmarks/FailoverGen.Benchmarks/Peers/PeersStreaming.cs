using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;

namespace FailoverGen.Benchmarks.Peers;

/// <summary>
/// A healthy stream read to the end, at two lengths: the difference between them, divided by the extra items, is the
/// cost per item with the cost of starting the stream taken out. Items are either cached (the wrapper's cost alone) or
/// a new update each, as a client that parses a response produces them.
/// </summary>
[MemoryDiagnoser]
public class Peers5Streaming
{
    private FakeChatClient _client = null!;
    private IChatClient _meai = null!;
    private IChatClient _failoverGen = null!;

    [Params(16, 256)]
    public int Items { get; set; }

    [Params(false, true)]
    public bool NewUpdates { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _client = new FakeChatClient("primary", streamItems: Items, newUpdates: NewUpdates);
        IChatClient[] clients = { _client, new FakeChatClient("fallback", streamItems: Items, newUpdates: NewUpdates) };
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
