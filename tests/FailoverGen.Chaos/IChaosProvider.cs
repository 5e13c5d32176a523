using System.Threading;
using System.Threading.Tasks;

namespace FailoverGen.Chaos;

/// <summary>The provider interface the soak drives: one request, one answer.</summary>
public interface IChaosProvider
{
    Task<string> CompleteAsync(string prompt, CancellationToken cancellationToken);
}
