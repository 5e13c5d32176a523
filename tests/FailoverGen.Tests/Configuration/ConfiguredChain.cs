using System;
using System.IO;
using FailoverGen.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace FailoverGen.Tests.Configuration;

/// <summary>
/// A chain registered the way an application registers it: settings in an appsettings-style JSON file bound with
/// <c>AddFailoverSettings</c>, the chain built through <c>UseServices</c> in a real container, logs collected. The file
/// is rewritten and the configuration reloaded explicitly, as a file watcher would, without waiting on one.
/// </summary>
public sealed class ConfiguredChain : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "failovergen-config-" + Guid.NewGuid().ToString("N"));
    private readonly string _file;

    public ConfiguredChain(string json, TestClock clock, params ScriptedProvider[] providers)
    {
        Directory.CreateDirectory(_directory);
        _file = Path.Combine(_directory, "appsettings.json");
        File.WriteAllText(_file, json);
        Configuration = new ConfigurationBuilder().AddJsonFile(_file, optional: false, reloadOnChange: false).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(Logs)));
        services.AddFailoverSettings<IChatProvider>(Configuration.GetSection("Failover"));
        services.AddSingleton(sp =>
        {
            FallbackChainBuilder<IChatProvider> builder = FallbackChain.Create<IChatProvider>()
                .UseServices(sp)
                .Configure(o =>
                {
                    o.MaxRetryAfterWait = TimeSpan.Zero;
                    o.Retry.UseJitter = false;
                    o.Retry.Delay = TimeSpan.Zero;
                    o.Retry.MaxDelay = TimeSpan.Zero;
                });
            foreach (ScriptedProvider provider in providers)
            {
                builder.Add(provider.Name, provider);
            }

            return builder.Build();
        });
        Services = services.BuildServiceProvider();
    }

    public IConfigurationRoot Configuration { get; }

    public ServiceProvider Services { get; }

    public FakeLogCollector Logs { get; } = new();

    public FallbackChain<IChatProvider> Chain => Services.GetRequiredService<FallbackChain<IChatProvider>>();

    /// <summary>Replaces appsettings.json and reloads, as an operator's edit does.</summary>
    public void Edit(string json)
    {
        File.WriteAllText(_file, json);
        Configuration.Reload();
    }

    public void Dispose()
    {
        Services.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
