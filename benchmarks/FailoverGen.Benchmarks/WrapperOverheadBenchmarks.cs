using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace FailoverGen.Benchmarks;

/// <summary>What a call through the generated wrapper costs over calling the provider directly.</summary>
[MemoryDiagnoser]
public class WrapperOverheadBenchmarks
{
    private readonly IEchoProvider _direct = new Echo();
    private IEchoProvider _healthy = null!;
    private IEchoProvider _primaryCoolingDown = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _healthy = new EchoProviderFailover(FallbackChain.Create<IEchoProvider>().Add("primary", new Echo()).Add("fallback", new Echo()).Build());
        _primaryCoolingDown = new EchoProviderFailover(FallbackChain.Create<IEchoProvider>().Add("primary", new RateLimited()).Add("fallback", new Echo()).Build());

        // The first call puts the primary in an hour-long cooldown; every measured call then skips it.
        await _primaryCoolingDown.EchoAsync("warm up");
    }

    [Benchmark(Baseline = true)]
    public Task<string> Direct() => _direct.EchoAsync("hello");

    [Benchmark]
    public Task<string> Wrapper_HealthyPrimary() => _healthy.EchoAsync("hello");

    [Benchmark]
    public ValueTask<int> Wrapper_HealthyPrimary_ValueTask() => _healthy.LengthAsync("hello");

    [Benchmark]
    public Task<string> Wrapper_PrimaryCoolingDown_SkippedToFallback() => _primaryCoolingDown.EchoAsync("hello");
}
