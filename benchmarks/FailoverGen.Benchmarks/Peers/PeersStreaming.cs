using System.Collections.Generic;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;

namespace FailoverGen.Benchmarks.Peers;

/// <summary>Where a stream's items come from.</summary>
public enum StreamSource
{
    /// <summary>The same update objects every time: what is measured is the wrappers alone.</summary>
    Cached,

    /// <summary>A new update per item, as any client that builds them does.</summary>
    NewUpdates,

    /// <summary>The OpenAI SDK's client parsing a recorded event stream from memory: an item as it costs in practice.</summary>
    OpenAiSse,
}

/// <summary>
/// A healthy stream read to the end, at two lengths: the difference between them, divided by the extra items, is the
/// cost per item with the cost of starting the stream taken out.
/// </summary>
[MemoryDiagnoser]
public class Peers5Streaming
{
    private IChatClient _client = null!;
    private IChatClient[] _clients = null!;
    private IChatClient _meai = null!;
    private IChatClient _failoverGen = null!;

    [Params(16, 256)]
    public int Items { get; set; }

    [Params(StreamSource.Cached, StreamSource.NewUpdates, StreamSource.OpenAiSse)]
    public StreamSource Source { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _clients = Source == StreamSource.OpenAiSse
            ? new[] { OpenAiStreamingClient.Create(Items), OpenAiStreamingClient.Create(Items) }
            : new IChatClient[]
            {
                new FakeChatClient("primary", streamItems: Items, newUpdates: Source == StreamSource.NewUpdates),
                new FakeChatClient("fallback", streamItems: Items, newUpdates: Source == StreamSource.NewUpdates),
            };
        _client = _clients[0];
        _meai = Contenders.Meai(_clients);
        _failoverGen = Contenders.FailoverGen(_clients);
    }

    [Benchmark(Baseline = true)]
    public Task<int> Direct() => Read(_client.GetStreamingResponseAsync(Contenders.Messages));

    [Benchmark]
    public Task<int> HandWritten() => Read(Contenders.HandWrittenStreamAsync(_clients, Contenders.Messages));

    [Benchmark]
    public Task<int> Meai() => Read(_meai.GetStreamingResponseAsync(Contenders.Messages));

    [Benchmark]
    public Task<int> FailoverGen() => Read(_failoverGen.GetStreamingResponseAsync(Contenders.Messages));

    private static async Task<int> Read(IAsyncEnumerable<ChatResponseUpdate> updates)
    {
        int items = 0;
        await foreach (ChatResponseUpdate update in updates.ConfigureAwait(false))
        {
            items += update.Contents.Count + 1;
        }

        return items;
    }
}
