using System;
using System.Threading.Tasks;
using FailoverGen.Tests.Fakes;

namespace FailoverGen.Tests;

public sealed class UnknownErrorTests
{
    private readonly TestClock _clock = new();

    [Fact]
    public async Task UnrecognisedErrorMidChain_ContinuesToTheNextProvider()
    {
        var first = new ScriptedProvider("first", _clock).Throws(new ProviderException("slow down", statusCode: 429));
        var second = new ScriptedProvider("second", _clock).Throws(new InvalidOperationException("sdk bug"));
        var third = new ScriptedProvider("third", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, first, second, third);

        Assert.Equal(third.Reply, await chain.CompleteAsync());
        Assert.Single(second.Calls);
    }

    [Fact]
    public async Task UnrecognisedErrorOnTheLastProvider_EndsInExhaustionCarryingIt()
    {
        var unknown = new InvalidOperationException("sdk bug");
        var first = new ScriptedProvider("first", _clock).Throws(new ProviderException("slow down", statusCode: 429));
        var last = new ScriptedProvider("last", _clock).Throws(unknown);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, first, last);

        var error = await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => chain.CompleteAsync());

        Assert.Same(unknown, error.Attempts[1].Exception);
        Assert.Equal(FailoverReason.Unknown, error.Attempts[1].Reason);
        Assert.Contains(unknown, error.InnerExceptions);
        Assert.EndsWith("last: unrecognised error (InvalidOperationException: sdk bug)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnrecognisedError_IsNotRetriedOnTheSameProvider()
    {
        var first = new ScriptedProvider("first", _clock).Throws(new InvalidOperationException("sdk bug"));
        var second = new ScriptedProvider("second", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.Retry.MaxRetryAttempts = 2, first, second);

        Assert.Equal(second.Reply, await chain.CompleteAsync());
        Assert.Single(first.Calls);
    }

    [Fact]
    public async Task RethrowMode_RethrowsTheOriginalUnrecognisedErrorUnchanged()
    {
        var unknown = new InvalidOperationException("sdk bug");
        var first = new ScriptedProvider("first", _clock).Throws(unknown);
        var second = new ScriptedProvider("second", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.UnknownErrors = UnknownErrorHandling.Rethrow, first, second);

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => chain.CompleteAsync());

        Assert.Same(unknown, thrown);
        Assert.Empty(second.Calls);
    }

    [Fact]
    public async Task RethrowMode_PolicyListingUnknown_StillFailsOver()
    {
        var first = new ScriptedProvider("first", _clock).Throws(new InvalidOperationException("sdk bug"));
        var second = new ScriptedProvider("second", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.UnknownErrors = UnknownErrorHandling.Rethrow, first, second);
        var policy = new FailoverPolicy(null, new[] { FailoverReason.Unknown });

        Assert.True(policy.IncludesUnknown);
        Assert.Equal(second.Reply, await chain.CompleteAsync(policy: policy));
    }

    [Fact]
    public async Task RethrowMode_DoesNotCoolTheProviderDown()
    {
        var first = new ScriptedProvider("first", _clock).Throws(new InvalidOperationException("sdk bug")).Succeeds();
        var second = new ScriptedProvider("second", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.UnknownErrors = UnknownErrorHandling.Rethrow, first, second);
        await Assert.ThrowsAsync<InvalidOperationException>(() => chain.CompleteAsync());

        Assert.Equal(first.Reply, await chain.CompleteAsync());
        Assert.Empty(second.Calls);
    }
}
