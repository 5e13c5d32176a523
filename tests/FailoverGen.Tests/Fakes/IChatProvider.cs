using System.Threading;
using System.Threading.Tasks;

namespace FailoverGen.Tests.Fakes;

/// <summary>The provider interface the engine is exercised with: one member per Execute variant.</summary>
public interface IChatProvider
{
    Task<string> CompleteAsync(string prompt, CancellationToken ct);

    ValueTask<string> CompleteValueTaskAsync(string prompt, CancellationToken ct);

    string Complete(string prompt, CancellationToken ct);

    Task SendAsync(string prompt, CancellationToken ct);

    ValueTask SendValueTaskAsync(string prompt, CancellationToken ct);

    void Send(string prompt, CancellationToken ct);
}
