using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using FailoverGen.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace FailoverGen.Tests.Configuration;

/// <summary>
/// Configuration is typed by operators, and environment variables and key vaults add keys of their own, so whatever a
/// section holds must end in a working chain or in an <see cref="OptionsValidationException"/> whose every failure
/// names a key under the section; never another exception. Seeded random sections mix the real keys (in any case),
/// misspelt ones and values of every kind; a failure is reduced to the fewest keys that still fail.
/// Longer run: <c>FAILOVERGEN_FUZZ_CASES=10000 FAILOVERGEN_FUZZ_SEED=7 dotnet test tests/FailoverGen.Tests --filter SettingsFuzzTests</c>.
/// </summary>
public sealed class SettingsFuzzTests
{
    private const int DefaultCases = 400;
    private const int DefaultSeed = 20261201;

    private static readonly string[] Providers = { "openai/gpt-4o", "anthropic/claude-sonnet-4", "groq/llama-3.1-8b" };

    private static readonly string[] Paths =
    {
        "Order:0", "Order:1", "Order:2", "Order:x", "Order", "Retry:MaxRetryAttempts", "retry:delay", "Retry:MaxDelay", "Retry:UseJitter",
        "Retry", "AttemptTimeout", "TotalRequestTimeout", "MaxRetryAfterWait", "ShortRetryAfterWait", "FirstItemTimeout", "StreamIdleTimeout", "ContinueStreamsOnFailure",
        "StickyDuration", "RestartStreamsOnFailure",
        "FailoverOn:StatusCodes:0", "FailoverOn:StatusCodes:1", "FailoverOn:Reasons:0", "FailoverOn:Reasons:1", "FailoverOn:ReplaceAttributes",
        "FailoverOn", "Cooldowns:RateLimit", "Cooldowns:QuotaOrBilling", "Cooldowns:AuthOrNotFound", "Cooldowns:Transient", "Cooldowns:Minimum",
        "Cooldowns:Maximum", "Cooldowns:FailureRatio", "Cooldowns:MinimumThroughput", "Cooldowns:SamplingDuration", "Health:DetectDegradation",
        "Health:DegradationFactor", "Health:DegradationMinimumSamples", "Health:Window", "Providers:{p}:Enabled", "Providers:{p}:MaxRetryAttempts",
        "Providers:{p}:AttemptTimeout", "Providers:{p}:Group", "Providers:{p}", "Providers:{p}:Weight", "MaxAttemptsPerProvider", "Fallback:0",
    };

    private static readonly string[] Values =
    {
        "", "0", "1", "2", "9", "10", "-1", "2147483648", "1.5", "0.5", "NaN", "true", "false", "yes", "00:00:00", "00:00:00.005",
        "00:00:01", "00:00:30", "-00:00:01", "1.00:00:00", "2.00:00:00", "10675199.02:48:05.4775807", "30s", "429", "503", "99", "600",
        "RateLimit", "ratelimit", "ContextOverflow", "Unknown", "Outage", "7", "RateLimit, Quota", "openai/gpt-4o", "anthropic/claude-sonnet-4",
        "groq/llama-3.1-8b", "gemini", " ", "\0", "\ud800", "{}", "[]",
    };

    private readonly ITestOutputHelper _output;

    public SettingsFuzzTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public async Task RandomSections_EndInAWorkingChainOrInMessagesNamingTheirKeys()
    {
        int seed = Setting("FAILOVERGEN_FUZZ_SEED", DefaultSeed);
        int cases = Setting("FAILOVERGEN_FUZZ_CASES", DefaultCases);
        _output.WriteLine($"settings fuzz: seed {seed}, {cases} cases");
        var random = new Random(seed);
        int built = 0;
        for (int i = 0; i < cases; i++)
        {
            Dictionary<string, string?> section = RandomSection(random);
            string? failure = await Check(section);
            if (failure is not null)
            {
                Dictionary<string, string?> reduced = Reduce(section);
                Assert.Fail($"seed {seed}, case {i}: {failure}\nreduced section:\n{string.Join("\n", reduced.Select(p => p.Key + " = " + p.Value))}");
            }

            built += Builds(section) ? 1 : 0;
        }

        // Both outcomes must be exercised, or the fuzz proves little.
        _output.WriteLine($"{built} of {cases} sections built a chain");
        Assert.InRange(built, 1, cases - 1);
    }

    private static Dictionary<string, string?> RandomSection(Random random)
    {
        var section = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        int keys = random.Next(0, 5);
        for (int k = 0; k < keys; k++)
        {
            string path = Paths[random.Next(Paths.Length)].Replace("{p}", random.Next(4) == 0 ? "mistral/large" : Providers[random.Next(Providers.Length)], StringComparison.Ordinal);
            section["Failover:" + path] = random.Next(8) == 0 ? null : Values[random.Next(Values.Length)];
        }

        return section;
    }

    /// <summary>Null when the section behaved; otherwise what went wrong.</summary>
    private static async Task<string?> Check(Dictionary<string, string?> section)
    {
        try
        {
            using ServiceProvider services = Container(section, out ScriptedProvider[] providers);
            FallbackChain<IChatProvider> chain = services.GetRequiredService<FallbackChain<IChatProvider>>();
            try
            {
                await chain.CompleteAsync();
            }
            catch (FallbackChainExhaustedException)
            {
                // Possible with a tiny timeout on a provider; an answer of the chain all the same.
            }

            return providers.Sum(p => p.CallCount) > 0 ? null : "the chain answered without calling any provider";
        }
        catch (OptionsValidationException ex)
        {
            string? stray = ex.Failures.FirstOrDefault(f => !f.StartsWith("Chain 'IChatProvider': Failover", StringComparison.Ordinal));
            return stray is null && ex.Failures.Any() ? null : "a failure that names no key: " + (stray ?? "(none)");
        }
        catch (Exception ex)
        {
            return ex.GetType().Name + ": " + ex.Message;
        }
    }

    private static bool Builds(Dictionary<string, string?> section)
    {
        try
        {
            using ServiceProvider services = Container(section, out _);
            _ = services.GetRequiredService<FallbackChain<IChatProvider>>();
            return true;
        }
        catch (OptionsValidationException)
        {
            return false;
        }
    }

    private static ServiceProvider Container(Dictionary<string, string?> section, out ScriptedProvider[] providers)
    {
        var clock = new TestClock();
        ScriptedProvider[] registered = Providers.Select(name => new ScriptedProvider(name, clock)).ToArray();
        providers = registered;
        IConfigurationRoot configuration = new ConfigurationBuilder().AddInMemoryCollection(section).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddFailoverSettings<IChatProvider>(configuration.GetSection("Failover"));
        services.AddSingleton(sp =>
        {
            FallbackChainBuilder<IChatProvider> builder = FallbackChain.Create<IChatProvider>().UseServices(sp);
            foreach (ScriptedProvider provider in registered)
            {
                builder.Add(provider.Name, provider);
            }

            return builder.Build();
        });
        return services.BuildServiceProvider();
    }

    /// <summary>Drops keys one at a time while the section still fails.</summary>
    private static Dictionary<string, string?> Reduce(Dictionary<string, string?> section)
    {
        var current = new Dictionary<string, string?>(section, StringComparer.OrdinalIgnoreCase);
        foreach (string key in section.Keys.ToList())
        {
            var without = new Dictionary<string, string?>(current, StringComparer.OrdinalIgnoreCase);
            without.Remove(key);
            if (Check(without).GetAwaiter().GetResult() is not null)
            {
                current = without;
            }
        }

        return current;
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : fallback;
}
