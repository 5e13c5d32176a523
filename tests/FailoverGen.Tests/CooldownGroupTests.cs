using System;
using System.Threading.Tasks;
using FailoverGen.Tests.Fakes;

namespace FailoverGen.Tests;

/// <summary>Providers that share an account: what holds for the account cools all of them, a rate limit only one.</summary>
public sealed class CooldownGroupTests
{
    private readonly TestClock _clock = new();

    private FallbackChain<IChatProvider> Chain(ScriptedProvider opus, ScriptedProvider sonnet, ScriptedProvider other) =>
        FallbackChain.Create<IChatProvider>()
            .WithTimeProvider(_clock)
            .Configure(o => o.MaxRetryAfterWait = TimeSpan.Zero)
            .Add(opus.Name, opus, "anthropic")
            .Add(sonnet.Name, sonnet, "anthropic")
            .Add(other.Name, other)
            .Build();

    [Fact]
    public async Task BillingFailureOfOneModel_CoolsEveryModelOfTheAccount_AndTheMessageSaysWhy()
    {
        var opus = new ScriptedProvider("anthropic/claude-opus-4", _clock).Throws(new ProviderException("Your credit balance is too low", statusCode: 402));
        var sonnet = new ScriptedProvider("anthropic/claude-sonnet-4", _clock);
        var other = new ScriptedProvider("openai/gpt-4o", _clock).Throws(new ProviderException("slow down", statusCode: 429));
        FallbackChain<IChatProvider> chain = Chain(opus, sonnet, other);

        var exhausted = await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => chain.CompleteAsync());

        Assert.Empty(sonnet.Calls);
        Assert.Contains(
            "anthropic/claude-sonnet-4: skipped, account anthropic out of credit (cooling down 10 min)",
            exhausted.Message,
            StringComparison.Ordinal);
        Assert.Equal("anthropic", exhausted.Attempts[1].CooldownGroup);
    }

    [Theory]
    [InlineData(401, null)]
    [InlineData(429, "insufficient_quota")]
    public async Task AuthAndQuotaFailures_HoldForTheWholeAccount(int status, string? code)
    {
        var opus = new ScriptedProvider("anthropic/claude-opus-4", _clock).Throws(new ProviderException("refused", statusCode: status, errorCode: code));
        var sonnet = new ScriptedProvider("anthropic/claude-sonnet-4", _clock);
        var other = new ScriptedProvider("openai/gpt-4o", _clock);
        FallbackChain<IChatProvider> chain = Chain(opus, sonnet, other);

        Assert.Equal(other.Reply, await chain.CompleteAsync());
        Assert.Empty(sonnet.Calls);
    }

    [Fact]
    public async Task RateLimitOfOneModel_LeavesTheOtherModelsOfTheAccountAvailable()
    {
        var opus = new ScriptedProvider("anthropic/claude-opus-4", _clock).Throws(new ProviderException("slow down", statusCode: 429));
        var sonnet = new ScriptedProvider("anthropic/claude-sonnet-4", _clock);
        var other = new ScriptedProvider("openai/gpt-4o", _clock);
        FallbackChain<IChatProvider> chain = Chain(opus, sonnet, other);

        Assert.Equal(sonnet.Reply, await chain.CompleteAsync());
        Assert.Equal(sonnet.Reply, await chain.CompleteAsync());
        Assert.Single(opus.Calls);
    }

    [Fact]
    public async Task ProvidersOutsideTheGroup_AreNotCooledByItsFailure()
    {
        var opus = new ScriptedProvider("anthropic/claude-opus-4", _clock).Throws(new ProviderException("bad key", statusCode: 401));
        var sonnet = new ScriptedProvider("anthropic/claude-sonnet-4", _clock);
        var other = new ScriptedProvider("openai/gpt-4o", _clock);
        FallbackChain<IChatProvider> chain = Chain(opus, sonnet, other);

        await chain.CompleteAsync();
        await chain.CompleteAsync();

        Assert.Equal(2, other.CallCount);
    }

    [Fact]
    public void EmptyGroupName_IsRejectedWithTheProvidersName()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            FallbackChain.Create<IChatProvider>().Add("anthropic/claude-opus-4", new ScriptedProvider("a", _clock), " "));

        Assert.Contains("anthropic/claude-opus-4", error.Message, StringComparison.Ordinal);
    }
}
