using System;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FailoverGen;

/// <summary>Registers a chain's <see cref="FailoverSettings"/> with dependency injection.</summary>
public static class FailoverServiceCollectionExtensions
{
    /// <summary>
    /// Binds the settings of the chain of <typeparamref name="TProvider"/> from <paramref name="section"/> (for example
    /// <c>configuration.GetSection("Failover")</c>) with the options pattern, AOT-safe. The chain built through
    /// <see cref="FallbackChainBuilder{TProvider}.UseServices"/> (as the generated <c>Add…Failover</c> methods do)
    /// applies them, checks them when the host starts, and follows every reload: a valid change takes effect for
    /// the next calls with cooldowns and health kept; an invalid one is logged and ignored.
    /// </summary>
    /// <returns>The options builder for further configuration in code, which runs after the binding.</returns>
    public static OptionsBuilder<FailoverSettings> AddFailoverSettings<TProvider>(this IServiceCollection services, IConfiguration section)
        where TProvider : class
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        if (section is null)
        {
            throw new ArgumentNullException(nameof(section), "Pass the configuration section that holds the chain's settings, e.g. configuration.GetSection(\"Failover\").");
        }

        string name = typeof(TProvider).FullName ?? typeof(TProvider).Name;
        services.AddSingleton(new FailoverSettingsSource<TProvider>(name));
        services.AddSingleton<IConfigureOptions<FailoverSettings>>(new FailoverSettingsBinding(name, section));
        services.AddSingleton<IOptionsChangeTokenSource<FailoverSettings>>(new ConfigurationChangeTokenSource<FailoverSettings>(name, section));
        services.AddSingleton<IValidateOptions<FailoverStartupCheck<TProvider>>, FailoverStartupCheck<TProvider>.Validator>();
        services.AddOptions<FailoverStartupCheck<TProvider>>().ValidateOnStart();
        return services.AddOptions<FailoverSettings>(name);
    }
}
