using System;
using FailoverGen.Tests.Fakes;

namespace FailoverGen.Tests;

public sealed class BuilderValidationTests
{
    private readonly TestClock _clock = new();

    private FallbackChainBuilder<IChatProvider> OneProvider() =>
        FallbackChain.Create<IChatProvider>().WithTimeProvider(_clock).Add("a", new ScriptedProvider("a", _clock));

    [Fact]
    public void EmptyChain_ThrowsArgumentException_SayingToCallAdd()
    {
        var error = Assert.Throws<ArgumentException>(() => FallbackChain.Create<IChatProvider>().Build());

        Assert.Contains("Add(", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(IChatProvider), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateName_ThrowsArgumentException_NamingTheDuplicate()
    {
        FallbackChainBuilder<IChatProvider> builder = OneProvider().Add("openai/gpt-4o", new ScriptedProvider("x", _clock));

        var error = Assert.Throws<ArgumentException>(() => builder.Add("openai/gpt-4o", new ScriptedProvider("y", _clock)));

        Assert.Contains("'openai/gpt-4o'", error.Message, StringComparison.Ordinal);
        Assert.Equal("name", error.ParamName);
    }

    [Fact]
    public void NamesDifferingOnlyInCase_AreDistinct()
    {
        FallbackChain<IChatProvider> chain = OneProvider().Add("A", new ScriptedProvider("A", _clock)).Build();

        Assert.Equal(new[] { "a", "A" }, chain.ProviderNames);
    }

    [Fact]
    public void NullProvider_ThrowsArgumentNullException()
    {
        var error = Assert.Throws<ArgumentNullException>(() => FallbackChain.Create<IChatProvider>().Add("a", null!));

        Assert.Equal("provider", error.ParamName);
        Assert.Contains("'a'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t")]
    public void EmptyOrWhitespaceName_ThrowsArgumentException(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => FallbackChain.Create<IChatProvider>().Add(name, new ScriptedProvider("a", _clock)));

        Assert.Equal("name", error.ParamName);
    }

    [Fact]
    public void NullName_ThrowsArgumentException()
    {
        Assert.ThrowsAny<ArgumentException>(() => FallbackChain.Create<IChatProvider>().Add(null!, new ScriptedProvider("a", _clock)));
    }

    public static TheoryData<string, Action<FallbackChainOptions>> BadOptions() => new()
    {
        { "Retry.MaxRetryAttempts", o => o.Retry.MaxRetryAttempts = -1 },
        { "Retry.MaxRetryAttempts", o => o.Retry.MaxRetryAttempts = ProviderRetryOptions.MaxRetryAttemptsLimit + 1 },
        { "Retry.Delay", o => o.Retry.Delay = TimeSpan.FromSeconds(-1) },
        { "Retry.MaxDelay", o => o.Retry.MaxDelay = TimeSpan.FromMilliseconds(100) },
        { "Cooldowns.Maximum", o => o.Cooldowns.Maximum = TimeSpan.FromMilliseconds(500) },
        { "Cooldowns.RateLimit", o => o.Cooldowns.RateLimit = TimeSpan.FromSeconds(-1) },
        { "StickyDuration", o => o.StickyDuration = TimeSpan.Zero },
        { "StickyDuration", o => o.StickyDuration = TimeSpan.FromSeconds(-5) },
        { "UnknownErrors", o => o.UnknownErrors = (UnknownErrorHandling)7 },
        { "Classifiers[0]", o => o.Classifiers.Add(null!) },
        { "TimeProvider", o => o.TimeProvider = null! },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void BadOption_ThrowsArgumentException_NamingTheOption(string option, Action<FallbackChainOptions> configure)
    {
        FallbackChainBuilder<IChatProvider> builder = OneProvider().Configure(configure);

        var error = Assert.ThrowsAny<ArgumentException>(() => builder.Build());

        Assert.Contains(option, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NullCooldowns_ThrowsArgumentNullException_NamingTheOption()
    {
        FallbackChainBuilder<IChatProvider> builder = OneProvider().Configure(o => o.Cooldowns = null!);

        var error = Assert.Throws<ArgumentNullException>(() => builder.Build());

        Assert.Contains("Cooldowns", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NullConfigureAction_IsRejected()
    {
        Assert.Throws<ArgumentNullException>(() => FallbackChain.Create<IChatProvider>().Configure(null!));
    }

    [Fact]
    public void NullTimeProvider_IsRejected()
    {
        Assert.Throws<ArgumentNullException>(() => FallbackChain.Create<IChatProvider>().WithTimeProvider(null!));
    }

    [Fact]
    public void BoundaryOptions_AreAccepted()
    {
        FallbackChain<IChatProvider> chain = OneProvider()
            .Configure(o =>
            {
                o.Retry.MaxRetryAttempts = ProviderRetryOptions.MaxRetryAttemptsLimit;
                o.Retry.Delay = TimeSpan.Zero;
                o.Retry.MaxDelay = TimeSpan.Zero;
                o.StickyDuration = TimeSpan.FromTicks(1);
                o.Cooldowns.Minimum = TimeSpan.FromSeconds(5);
                o.Cooldowns.Maximum = TimeSpan.FromSeconds(5);
            })
            .Build();

        Assert.Single(chain.ProviderNames);
    }

    [Fact]
    public async System.Threading.Tasks.Task ChangingOptionsAfterBuild_DoesNotAffectTheBuiltChain()
    {
        var primary = new ScriptedProvider("a", _clock).Throws(new ProviderException("slow down", statusCode: 429)).Succeeds();
        var fallback = new ScriptedProvider("b", _clock);
        FallbackChainOptions? captured = null;
        FallbackChain<IChatProvider> chain = FallbackChain.Create<IChatProvider>()
            .WithTimeProvider(_clock)
            .Add("a", primary)
            .Add("b", fallback)
            .Configure(o => captured = o)
            .Build();
        captured!.Cooldowns.RateLimit = TimeSpan.FromHours(1);
        captured.Cooldowns.Minimum = TimeSpan.FromHours(1);

        await chain.CompleteAsync();
        _clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(primary.Reply, await chain.CompleteAsync());
    }

    [Fact]
    public void RetryDelaysLongerThanPollyAccepts_ThrowArgumentException_NamingTheOption()
    {
        FallbackChainBuilder<IChatProvider> builder = OneProvider().Configure(o =>
        {
            o.Retry.Delay = TimeSpan.FromDays(2);
            o.Retry.MaxDelay = TimeSpan.FromDays(2);
        });

        var error = Assert.ThrowsAny<ArgumentException>(() => builder.Build());

        Assert.Contains("Retry.Delay", error.Message, StringComparison.Ordinal);
    }
}
