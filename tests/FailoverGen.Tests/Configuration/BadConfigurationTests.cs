using System;
using System.Linq;
using FailoverGen.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FailoverGen.Tests.Configuration;

public sealed class BadConfigurationTests
{
    private readonly TestClock _clock = new();

    private OptionsValidationException BuildFails(string json)
    {
        using var app = new ConfiguredChain(json, _clock, new ScriptedProvider("openai/gpt-4o", _clock), new ScriptedProvider("anthropic/claude-sonnet-4", _clock));
        return Assert.Throws<OptionsValidationException>(() => app.Chain);
    }

    public static TheoryData<string, string> OneProblem() => new()
    {
        { """{ "Failover": { "Order": [ "openai/gpt-4o", "gemini/2.5-pro" ] } }""", "Failover:Order:1: 'gemini/2.5-pro' is not a provider of chain 'IChatProvider' (its providers: openai/gpt-4o, anthropic/claude-sonnet-4)" },
        { """{ "Failover": { "Order": [ ] } }""", "Failover:Order is empty" },
        { """{ "Failover": { "Order": [ "openai/gpt-4o", "openai/gpt-4o" ] } }""", "Failover:Order:1: 'openai/gpt-4o' is listed twice (first at Failover:Order:0)" },
        { """{ "Failover": { "Retry": { "Delay": "-00:00:01" } } }""", "Failover:Retry:Delay is negative" },
        { """{ "Failover": { "Cooldowns": { "RateLimit": "-00:00:30" } } }""", "Failover:Cooldowns:RateLimit is negative" },
        { """{ "Failover": { "AttemptTimeout": "00:00:00.001" } }""", "Failover:AttemptTimeout is 00:00:00.0010000: a timeout must be between 10 ms and 1 day" },
        { """{ "Failover": { "FailoverOn": { "Reasons": [ "RateLimit", "Outage" ] } } }""", "Failover:FailoverOn:Reasons:1: 'Outage' is not a failover reason" },
        { """{ "Failover": { "FailoverOn": { "StatusCodes": [ 4290 ] } } }""", "Failover:FailoverOn:StatusCodes:0: 4290 is not an HTTP status code" },
        { """{ "Failover": { "Retry": { "MaxRetryAtempts": 2 } } }""", "Failover:Retry:MaxRetryAtempts is not a failover setting; the settings here are MaxRetryAttempts, Delay, MaxDelay, UseJitter" },
        { """{ "Failover": { "Retry": { "MaxRetryAttempts": "two" } } }""", "Failover:Retry:MaxRetryAttempts is 'two', which is not a whole number" },
        { """{ "Failover": { "StickyDuration": "5 minutes" } }""", "Failover:StickyDuration is '5 minutes', which is not a duration" },
        { """{ "Failover": { "Retry": { "MaxRetryAttempts": 12 } } }""", "Failover:Retry:MaxRetryAttempts is 12: it must be between 0 (no retries) and 9" },
        { """{ "Failover": { "Retry": { "Delay": "00:00:05", "MaxDelay": "00:00:01" } } }""", "Failover:Retry: Retry.MaxDelay (00:00:01) is shorter than Retry.Delay (00:00:05)" },
        { """{ "Failover": { "Cooldowns": { "FailureRatio": 1.5 } } }""", "Failover:Cooldowns: Cooldowns.FailureRatio must be more than 0 and at most 1" },
        { """{ "Failover": { "Providers": { "openai/gpt-4o": { "Enabled": false }, "anthropic/claude-sonnet-4": { "Enabled": false } } } }""", "Failover:Providers disables every provider of the registered providers" },
        { """{ "Failover": { "Order": "openai/gpt-4o" } }""", "Failover:Order holds the single value 'openai/gpt-4o' where a list is expected" },
        { """{ "Failover": { "FailoverOn": { "ReplaceAttributes": true } } }""", "Failover:FailoverOn:ReplaceAttributes is true but no status code or reason is listed" },
    };

    [Theory]
    [MemberData(nameof(OneProblem))]
    public void InvalidSetting_FailsTheBuild_WithOneMessageNamingTheKey(string json, string expected)
    {
        OptionsValidationException error = BuildFails(json);

        string failure = Assert.Single(error.Failures);
        Assert.Contains(expected, failure, StringComparison.Ordinal);
        Assert.StartsWith("Chain 'IChatProvider': Failover:", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralInvalidSettings_AreAllReported_OneMessageEach()
    {
        OptionsValidationException error = BuildFails("""
            {
              "Failover": {
                "Order": [ "openai/gpt-4o", "openai/gpt-4o", "mistral/large" ],
                "AttemptTimeout": "-00:00:05",
                "TotalRequestTimeout": "-00:01:00",
                "FailoverOn": { "Reasons": [ "Timeout", "Ratelimited" ] },
                "Providers": { "gpt-4o": { "Group": "openai" } }
              }
            }
            """);

        Assert.Equal(6, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.Contains("Failover:Order:1", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Failover:Order:2: 'mistral/large'", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Failover:AttemptTimeout is negative", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Failover:TotalRequestTimeout is negative", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Failover:FailoverOn:Reasons:1: 'Ratelimited'", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Failover:Providers:gpt-4o", StringComparison.Ordinal));
    }

    [Fact]
    public void MisspeltKeys_AreAllReported_EvenBeforeOtherChecks()
    {
        OptionsValidationException error = BuildFails("""{ "Failover": { "Ordre": [ "a" ], "Cooldowns": { "Ratelimit": "00:00:10", "Quota": "00:10:00" } } }""");

        // Configuration keys are case-insensitive, so "Ratelimit" is RateLimit; "Ordre" and "Quota" are not settings.
        Assert.Equal(2, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.Contains("Failover:Ordre is not a failover setting", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Failover:Cooldowns:Quota is not a failover setting", StringComparison.Ordinal));
    }

    [Fact]
    public void StartupValidation_ReportsBadSettingsWhenTheHostStarts()
    {
        using var app = new ConfiguredChain("""{ "Failover": { "Order": [ "gemini" ] } }""", _clock, new ScriptedProvider("a", _clock));

        // The host runs IStartupValidator when it starts; the chain is built then, not at the first request.
        var validator = app.Services.GetRequiredService<IStartupValidator>();
        var error = Assert.Throws<OptionsValidationException>(() => validator.Validate());

        Assert.Contains("Failover:Order:0: 'gemini' is not a provider", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void StartupValidation_PassesForValidSettings()
    {
        using var app = new ConfiguredChain("""{ "Failover": { "Order": [ "a" ] } }""", _clock, new ScriptedProvider("a", _clock));

        app.Services.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal("a", app.Chain.ProviderNames.Single());
    }
}
