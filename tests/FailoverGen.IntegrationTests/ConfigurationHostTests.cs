using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FailoverGen.IntegrationTests;

/// <summary>
/// The generated <c>AddToolboxFailover(IConfiguration, ...)</c> overload in a real generic host: settings from the
/// host's configuration, checked when the host starts.
/// </summary>
public sealed class ConfigurationHostTests
{
    private static IHost Build(Dictionary<string, string?> settings, ScriptedToolbox primary, ScriptedToolbox fallback)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddToolboxFailover(builder.Configuration.GetSection("Failover"), (_, chain) => chain
            .Add("primary", primary)
            .Add("fallback", fallback));
        return builder.Build();
    }

    [Fact]
    public async Task HostWithBadSettings_FailsToStart_NamingTheKey()
    {
        using IHost host = Build(
            new() { ["Failover:Order:0"] = "primary", ["Failover:Order:1"] = "backup", ["Failover:Retry:Delay"] = "-00:00:01" },
            new ScriptedToolbox("primary"),
            new ScriptedToolbox("fallback"));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(2, System.Linq.Enumerable.Count(error.Failures));
        Assert.Contains("Failover:Order:1: 'backup' is not a provider of chain 'IToolbox'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Failover:Retry:Delay is negative", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostWithSettings_UsesTheConfiguredOrder()
    {
        var primary = new ScriptedToolbox("primary");
        var fallback = new ScriptedToolbox("fallback");
        using IHost host = Build(new() { ["Failover:Order:0"] = "fallback", ["Failover:Order:1"] = "primary" }, primary, fallback);
        await host.StartAsync();

        string echoed = host.Services.GetRequiredService<IToolbox>().Echo("hi");

        Assert.Equal("fallback:hi", echoed);
        await host.StopAsync();
    }
}
