using System;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace FailoverGen.IntegrationTests;

/// <summary>The generated AddToolboxFailover registration, used through a real service provider.</summary>
public sealed class DependencyInjectionTests
{
    [Fact]
    public void AddedWrapper_ResolvesAsTheInterface_AndFailsOverAcrossKeyedProviders()
    {
        var primary = new ScriptedToolbox("primary") { Failure = new ProviderException("busy", statusCode: 503) };
        var fallback = new ScriptedToolbox("fallback");
        var services = new ServiceCollection();
        services.AddKeyedSingleton<IToolbox>("primary", primary);
        services.AddKeyedSingleton<IToolbox>("fallback", fallback);
        services.AddToolboxFailover((provider, chain) => chain
            .Add("primary", provider.GetRequiredKeyedService<IToolbox>("primary"))
            .Add("fallback", provider.GetRequiredKeyedService<IToolbox>("fallback"))
            .Configure(o => o.Retry.MaxRetryAttempts = 0));

        using ServiceProvider container = services.BuildServiceProvider();
        IToolbox toolbox = container.GetRequiredService<IToolbox>();

        Assert.IsType<ToolboxFailover>(toolbox);
        Assert.Same(toolbox, container.GetRequiredService<ToolboxFailover>());
        Assert.Equal("fallback:hi", toolbox.Echo("hi"));
    }

    [Fact]
    public void RegisteredTimeProvider_IsTheChainsClock()
    {
        var time = new FakeTimeProvider();
        var primary = new ScriptedToolbox("primary") { Failure = new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(10)) };
        var fallback = new ScriptedToolbox("fallback");
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddToolboxFailover((_, chain) => chain.Add("primary", primary).Add("fallback", fallback));
        using ServiceProvider container = services.BuildServiceProvider();
        IToolbox toolbox = container.GetRequiredService<IToolbox>();

        toolbox.Echo("first");
        primary.Failure = null;
        time.Advance(TimeSpan.FromSeconds(11));

        Assert.Equal("primary:second", toolbox.Echo("second"));
    }

    [Fact]
    public void RegisteredLoggerAndMeterFactories_ReceiveTheChainsLogsAndMetrics()
    {
        var logs = new FakeLogCollector();
        var primary = new ScriptedToolbox("primary") { Failure = new ProviderException("slow down", statusCode: 429) };
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(logs)));
        services.AddMetrics();
        services.AddToolboxFailover((_, chain) => chain.Add("primary", primary).Add("fallback", new ScriptedToolbox("fallback")));
        using ServiceProvider container = services.BuildServiceProvider();
        using var failovers = new MetricCollector<long>(container.GetRequiredService<IMeterFactory>(), FailoverDiagnostics.MeterName, "failovergen.failovers");

        container.GetRequiredService<IToolbox>().Echo("hi");

        FakeLogRecord switched = Assert.Single(logs.GetSnapshot(), r => r.Id.Id == 1005);
        Assert.Equal("IToolbox", switched.GetStructuredStateValue("chain"));
        Assert.Equal("fallback", Assert.Single(failovers.GetMeasurementSnapshot()).Tags["failovergen.provider"]);
    }
}
