using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.AI;
using Polly;

namespace FailoverGen.Benchmarks.Peers;

/// <summary>
/// One failover scenario timed for every contender in the same run, as ratios to the hand-written loop. The
/// <c>Exceptions</c> column counts first-chance exceptions per call: every throw, including rethrows.
/// </summary>
[MemoryDiagnoser]
[ExceptionDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public abstract class PeerScenario
{
    private static readonly ChatResponse Failed = new();
    private IReadOnlyList<IChatClient> _clients = null!;
    private IChatClient _meai = null!;
    private ResiliencePipeline<ChatResponse> _polly = null!;
    private IChatClient _proxy = null!;
    private IChatClient _failoverGen = null!;

    /// <summary>The clients in failover order.</summary>
    protected abstract IReadOnlyList<IChatClient> CreateClients();

    /// <summary>How the FailoverGen chain is configured for the scenario.</summary>
    protected virtual void ConfigureFailoverGen(FallbackChainOptions options)
    {
    }

    [GlobalSetup]
    public async Task Setup()
    {
        _clients = CreateClients();
        _meai = Contenders.Meai(_clients);
        _polly = Contenders.Polly(_clients);
        _proxy = Contenders.DispatchProxy(_clients);
        _failoverGen = Contenders.FailoverGen(_clients, ConfigureFailoverGen);

        // Each contender's first call happens here: whatever it learns from it (a cooldown) is part of its design.
        await HandWritten();
        await Meai();
        await Polly();
        await DispatchProxy();
        await FailoverGen();
    }

    [Benchmark]
    public Task<ChatResponse> Direct() => Settle(_clients[0].GetResponseAsync(Contenders.Messages));

    [Benchmark(Baseline = true)]
    public Task<ChatResponse> HandWritten() => Settle(Contenders.HandWrittenAsync(_clients, Contenders.Messages));

    [Benchmark]
    public Task<ChatResponse> Meai() => Settle(_meai.GetResponseAsync(Contenders.Messages));

    [Benchmark]
    public Task<ChatResponse> Polly() => Settle(_polly.ExecuteAsync(
        static (client, token) => new ValueTask<ChatResponse>(client.GetResponseAsync(Contenders.Messages, cancellationToken: token)),
        _clients[0]).AsTask());

    [Benchmark]
    public Task<ChatResponse> DispatchProxy() => Settle(_proxy.GetResponseAsync(Contenders.Messages));

    [Benchmark]
    public Task<ChatResponse> FailoverGen() => Settle(_failoverGen.GetResponseAsync(Contenders.Messages));

    /// <summary>
    /// The call's outcome, its error swallowed: scenarios where every client fails end in each contender's own
    /// exception, which is part of what is timed. A completed call returns its task untouched.
    /// </summary>
    private static Task<ChatResponse> Settle(Task<ChatResponse> call)
    {
        return call.IsCompletedSuccessfully ? call : Wait(call);

        static async Task<ChatResponse> Wait(Task<ChatResponse> call)
        {
            try
            {
                return await call.ConfigureAwait(false);
            }
            catch (Exception)
            {
                return Failed;
            }
        }
    }
}
