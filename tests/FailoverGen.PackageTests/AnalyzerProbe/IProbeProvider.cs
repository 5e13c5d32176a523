using System.Threading;
using System.Threading.Tasks;
using FailoverGen;

namespace AnalyzerProbe;

[FallbackChain]
[FailoverOn(42)]
public interface IProbeProvider
{
    Task<string> AskAsync(string prompt, CancellationToken cancellationToken = default);
}

public static class ProbeWiring
{
    // Compiles only if the packaged generator ran, so the build's one error is the analyzer's.
    public static IProbeProvider Wrap(FallbackChain<IProbeProvider> chain) => new ProbeProviderFailover(chain);
}
