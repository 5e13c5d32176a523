using System.Threading;
using System.Threading.Tasks;
using FailoverGen;

namespace AotChat;

/// <summary>One chat model behind one provider. FailoverGen generates <c>ChatProviderFailover</c> from it at build time.</summary>
[FallbackChain]
[FailoverOn(FailoverReason.RateLimit, FailoverReason.Quota, FailoverReason.Billing, FailoverReason.Auth)]
[FailoverOn(FailoverReason.Overloaded, FailoverReason.ServerError, FailoverReason.Timeout, FailoverReason.Network)]
public interface IChatProvider
{
    Task<string> CompleteAsync(string prompt, CancellationToken cancellationToken = default);
}
