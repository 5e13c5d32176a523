using System.Threading;
using System.Threading.Tasks;
using FailoverGen;

namespace ChatFailover;

/// <summary>One chat model behind one provider. FailoverGen generates <c>ChatProviderFailover</c> from it.</summary>
[FallbackChain]
[FailoverOn(FailoverReason.RateLimit, FailoverReason.Quota, FailoverReason.Billing, FailoverReason.Auth)]
[FailoverOn(FailoverReason.Overloaded, FailoverReason.ServerError, FailoverReason.Timeout, FailoverReason.Network)]
public interface IChatProvider
{
    Task<ChatReply> CompleteAsync(ChatRequest request, CancellationToken cancellationToken = default);
}

public sealed record ChatRequest(string Prompt);

public sealed record ChatReply(string Text, string Model);
