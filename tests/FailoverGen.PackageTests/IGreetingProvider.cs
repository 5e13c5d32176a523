using System.Threading;
using System.Threading.Tasks;
using FailoverGen;

namespace FailoverGen.PackageTests;

/// <summary>The packaged generator turns this into <c>GreetingProviderFailover</c>.</summary>
[FallbackChain]
[FailoverOn(429)]
[FailoverOn(FailoverReason.ServerError, FailoverReason.Overloaded)]
public interface IGreetingProvider
{
    Task<string> GreetAsync(string name, CancellationToken cancellationToken = default);
}
