using System;
using System.Threading;
using System.Threading.Tasks;

namespace FailoverGen.Tests.Fakes;

/// <summary>
/// Builds chains of <see cref="ScriptedProvider"/>s on a <see cref="TestClock"/> and calls them. Waiting out a
/// provider's retry hint is off unless a test turns it on, so tests about other behaviour never wait on the clock.
/// </summary>
public static class TestChains
{
    public static FallbackChain<IChatProvider> Build(TestClock clock, Action<FallbackChainOptions>? configure, params ScriptedProvider[] providers)
    {
        FallbackChainBuilder<IChatProvider> builder = FallbackChain.Create<IChatProvider>()
            .WithTimeProvider(clock)
            .Configure(o => o.MaxRetryAfterWait = TimeSpan.Zero);
        foreach (ScriptedProvider provider in providers)
        {
            builder.Add(provider.Name, provider);
        }

        if (configure is not null)
        {
            builder.Configure(configure);
        }

        return builder.Build();
    }

    public static FallbackChain<IChatProvider> Build(TestClock clock, params ScriptedProvider[] providers) =>
        Build(clock, configure: null, providers);

    /// <summary>The call a generated wrapper makes for <see cref="IChatProvider.CompleteAsync"/>.</summary>
    public static Task<string> CompleteAsync(
        this FallbackChain<IChatProvider> chain,
        string prompt = "hello",
        FailoverPolicy? policy = null,
        CancellationToken cancellationToken = default) =>
        chain.ExecuteAsync(prompt, static (p, s, ct) => p.CompleteAsync(s, ct), policy ?? FailoverPolicy.Default, cancellationToken);
}
