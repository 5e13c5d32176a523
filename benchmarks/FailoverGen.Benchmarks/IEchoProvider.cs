using System;
using System.Threading;
using System.Threading.Tasks;
using FailoverGen;

namespace FailoverGen.Benchmarks;

[FallbackChain]
public interface IEchoProvider
{
    Task<string> EchoAsync(string text, CancellationToken cancellationToken = default);

    ValueTask<int> LengthAsync(string text, CancellationToken cancellationToken = default);
}

/// <summary>Answers synchronously, so the benchmarks measure the wrapper rather than I/O.</summary>
public sealed class Echo : IEchoProvider
{
    private static readonly Task<string> Reply = Task.FromResult("reply");

    public Task<string> EchoAsync(string text, CancellationToken cancellationToken = default) => Reply;

    public ValueTask<int> LengthAsync(string text, CancellationToken cancellationToken = default) => new(text.Length);
}

/// <summary>Always rate limited with a long retry hint, so after the first call the chain skips it.</summary>
public sealed class RateLimited : IEchoProvider
{
    private static readonly ProviderException Error = new("slow down", statusCode: 429, retryAfter: TimeSpan.FromHours(1));

    public Task<string> EchoAsync(string text, CancellationToken cancellationToken = default) => Task.FromException<string>(Error);

    public ValueTask<int> LengthAsync(string text, CancellationToken cancellationToken = default) => new(Task.FromException<int>(Error));
}
