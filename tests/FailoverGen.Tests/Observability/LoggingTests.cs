using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading.Tasks;
using FailoverGen.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace FailoverGen.Tests.Observability;

/// <summary>The chain logs through ILogger with stable event ids and structured fields.</summary>
public sealed class LoggingTests
{
    private readonly TestClock _clock = new();
    private readonly FakeLogCollector _logs = new();

    [Fact]
    public async Task Failover_LogsTheFailureCooldownAndSwitch_WithStructuredFields()
    {
        using ILoggerFactory loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(_logs)));
        var primary = new ScriptedProvider("google/gemini-2.5-flash", _clock)
            .Throws(new ProviderException("quota", statusCode: 429, retryAfter: TimeSpan.FromSeconds(26)));
        var fallback = new ScriptedProvider("openai/gpt-4o-mini", _clock).Takes(_clock, TimeSpan.FromMilliseconds(250));
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o =>
        {
            o.Name = "chat";
            o.LoggerFactory = loggers;
        }, primary, fallback);

        await chain.CompleteAsync();

        IReadOnlyList<FakeLogRecord> records = _logs.GetSnapshot();
        Assert.Equal(new[] { 1001, 1006, 1003, 1001, 1002, 1005 }, records.Select(r => r.Id.Id));
        Assert.All(records, r => Assert.Equal(FailoverDiagnostics.LoggerCategory, r.Category));

        FakeLogRecord failed = records.Single(r => r.Id.Id == 1003);
        Assert.Equal("AttemptFailed", failed.Id.Name);
        Assert.Equal(LogLevel.Warning, failed.Level);
        Assert.Equal("chat", failed.GetStructuredStateValue("chain"));
        Assert.Equal("google/gemini-2.5-flash", failed.GetStructuredStateValue("provider"));
        Assert.Equal("RateLimit", failed.GetStructuredStateValue("reason"));
        Assert.Equal("429", failed.GetStructuredStateValue("status"));
        Assert.Equal(TimeSpan.FromSeconds(26).ToString(), failed.GetStructuredStateValue("retry_after"));
        Assert.Equal(TimeSpan.Zero.ToString(), failed.GetStructuredStateValue("elapsed"));
        Assert.Equal("1", failed.GetStructuredStateValue("attempt"));
        Assert.IsType<ProviderException>(failed.Exception);

        FakeLogRecord succeeded = records.Single(r => r.Id.Id == 1002);
        Assert.Equal(TimeSpan.FromMilliseconds(250).ToString(), succeeded.GetStructuredStateValue("elapsed"));
        Assert.Equal("2", succeeded.GetStructuredStateValue("attempt"));

        FakeLogRecord switched = records.Single(r => r.Id.Id == 1005);
        Assert.Equal(LogLevel.Information, switched.Level);
        Assert.Equal("chat: \u26A1 Switched to openai/gpt-4o-mini (google/gemini-2.5-flash rate limited, retry after 26 s)", switched.Message);

        FakeLogRecord cooldown = records.Single(r => r.Id.Id == 1006);
        Assert.Equal(_clock.Start.AddSeconds(26), DateTimeOffset.Parse(cooldown.GetStructuredStateValue("until")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("RateLimit", cooldown.GetStructuredStateValue("reason"));
    }

    [Fact]
    public async Task Exhaustion_IsLoggedAsAnError()
    {
        using ILoggerFactory loggers = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(_logs)));
        var only = new ScriptedProvider("only", _clock).Throws(new ProviderException("down", statusCode: 503));
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o =>
        {
            o.Retry.MaxRetryAttempts = 0;
            o.LoggerFactory = loggers;
        }, only);

        await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => chain.CompleteAsync());

        FakeLogRecord exhausted = _logs.GetSnapshot().Single(r => r.Id.Id == 1008);
        Assert.Equal(LogLevel.Error, exhausted.Level);
        Assert.Equal("1", exhausted.GetStructuredStateValue("attempts"));
    }

    [Fact]
    public async Task NoLoggerFactory_LogsNothingAndStillFailsOver()
    {
        var primary = new ScriptedProvider("primary", _clock).Throws(new ProviderException("down", statusCode: 429));
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary, fallback);

        Assert.Equal(fallback.Reply, await chain.CompleteAsync());
    }

    [Fact]
    public async Task UseServices_TakesTheContainersLoggerFactoryMeterFactoryAndClock()
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(_logs)));
        services.AddMetrics();
        services.AddSingleton<TimeProvider>(_clock);
        using ServiceProvider container = services.BuildServiceProvider();
        using var attempts = new Microsoft.Extensions.Diagnostics.Metrics.Testing.MetricCollector<long>(
            container.GetRequiredService<IMeterFactory>(), FailoverDiagnostics.MeterName, "failovergen.attempts");
        var primary = new ScriptedProvider("primary", _clock).Throws(new ProviderException("down", statusCode: 429));
        var fallback = new ScriptedProvider("fallback", _clock);

        FallbackChain<IChatProvider> chain = FallbackChain.Create<IChatProvider>()
            .UseServices(container)
            .Add("primary", primary)
            .Add("fallback", fallback)
            .Build();
        await chain.CompleteAsync();

        Assert.Contains(_logs.GetSnapshot(), r => r.Id.Id == 1005);
        Assert.Equal(2, attempts.GetMeasurementSnapshot().Count);
        Assert.Equal(_clock.GetUtcNow(), chain.GetHealth().Timestamp);
    }
}
