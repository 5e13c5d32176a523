using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace FailoverGen;

/// <summary>Collects providers in order (primary first) and options, then builds an immutable chain.</summary>
public sealed class FallbackChainBuilder<TProvider>
    where TProvider : class
{
    private readonly List<ProviderRegistration<TProvider>> _providers = new();
    private readonly FallbackChainOptions _options = new();
    private IOptionsMonitor<FailoverSettings>? _settings;
    private string? _settingsName;

    internal FallbackChainBuilder()
    {
    }

    /// <summary>Appends a provider. The first one added is the primary.</summary>
    /// <param name="name">A unique name used in errors, logs and metrics, e.g. <c>"openai/gpt-4o-mini"</c>.</param>
    /// <param name="provider">The implementation to call.</param>
    public FallbackChainBuilder<TProvider> Add(string name, TProvider provider) => AddCore(name, provider, group: null, pipeline: null);

    /// <summary>
    /// Appends a provider that shares an account or key with the other providers of <paramref name="group"/>: an auth,
    /// billing or quota failure of one cools every provider of the group, since all of them would fail the same way.
    /// A rate limit cools only the provider that hit it.
    /// </summary>
    /// <param name="name">A unique name used in errors, logs and metrics, e.g. <c>"anthropic/claude-sonnet-4"</c>.</param>
    /// <param name="provider">The implementation to call.</param>
    /// <param name="group">The account or key, e.g. <c>"anthropic"</c>.</param>
    public FallbackChainBuilder<TProvider> Add(string name, TProvider provider, string group) =>
        AddCore(name, provider, RequireGroup(name, group), pipeline: null);

    /// <summary>
    /// Appends a provider whose calls run through <paramref name="pipeline"/> instead of the chain's own retry and
    /// attempt timeout. Whatever the pipeline finally throws is classified and failed over like any other failure.
    /// </summary>
    /// <param name="name">A unique name used in errors, logs and metrics.</param>
    /// <param name="provider">The implementation to call.</param>
    /// <param name="pipeline">The resilience pipeline for this provider's calls.</param>
    public FallbackChainBuilder<TProvider> Add(string name, TProvider provider, ResiliencePipeline pipeline) =>
        AddCore(name, provider, group: null, pipeline ?? throw new ArgumentNullException(nameof(pipeline), $"The pipeline for '{name}' is null: use the Add overload without a pipeline for the built-in one."));

    private static string RequireGroup(string name, string group) =>
        string.IsNullOrWhiteSpace(group)
            ? throw new ArgumentException($"The group for '{name}' is empty: pass the account or key name the provider shares, or use Add(name, provider).", nameof(group))
            : group;

    private FallbackChainBuilder<TProvider> AddCore(string name, TProvider provider, string? group, ResiliencePipeline? pipeline)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException(
                "The provider name is empty: pass a non-empty name such as \"openai/gpt-4o-mini\"; it identifies the provider in errors and logs.",
                nameof(name));
        }

        if (provider is null)
        {
            throw new ArgumentNullException(nameof(provider), $"The provider for '{name}' is null: pass the {typeof(TProvider).Name} instance to call.");
        }

        for (int i = 0; i < _providers.Count; i++)
        {
            if (string.Equals(_providers[i].Name, name, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"A provider named '{name}' is already in the chain at position {i}: give each provider a unique name (for example include the model).",
                    nameof(name));
            }
        }

        _providers.Add(new ProviderRegistration<TProvider>(name, provider, group, pipeline));
        return this;
    }

    /// <summary>Changes options; they are copied and validated by <see cref="Build"/>.</summary>
    public FallbackChainBuilder<TProvider> Configure(Action<FallbackChainOptions> configure)
    {
        if (configure is null)
        {
            throw new ArgumentNullException(nameof(configure));
        }

        configure(_options);
        return this;
    }

    /// <summary>Uses <paramref name="timeProvider"/> for cooldowns, backoff and elapsed times.</summary>
    public FallbackChainBuilder<TProvider> WithTimeProvider(TimeProvider timeProvider)
    {
        _options.TimeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        return this;
    }

    /// <summary>
    /// Takes what the chain can use from <paramref name="services"/>: its <see cref="TimeProvider"/>,
    /// <see cref="ILoggerFactory"/> and <see cref="IMeterFactory"/>, each when registered. The generated dependency
    /// injection methods call it before the user's configuration, which can still override each one.
    /// </summary>
    public FallbackChainBuilder<TProvider> UseServices(IServiceProvider services)
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        if (services.GetService(typeof(TimeProvider)) is TimeProvider time)
        {
            _options.TimeProvider = time;
        }

        if (services.GetService(typeof(ILoggerFactory)) is ILoggerFactory loggers)
        {
            _options.LoggerFactory = loggers;
        }

        if (services.GetService(typeof(IMeterFactory)) is IMeterFactory meters)
        {
            _options.MeterFactory = meters;
        }

        if (services.GetService(typeof(FailoverSettingsSource<TProvider>)) is FailoverSettingsSource<TProvider> source
            && services.GetService(typeof(IOptionsMonitor<FailoverSettings>)) is IOptionsMonitor<FailoverSettings> monitor)
        {
            UseSettings(monitor, source.Name);
        }

        return this;
    }

    /// <summary>
    /// Applies the <see cref="FailoverSettings"/> named <paramref name="name"/> on top of this builder's options when the
    /// chain is built, and again whenever they change: a valid change takes effect for the calls that start after it,
    /// keeping cooldowns and health; an invalid one is logged (event 1012) and the previous settings stay.
    /// <see cref="FailoverServiceCollectionExtensions.AddFailoverSettings{TProvider}"/> registers settings that
    /// <see cref="UseServices"/> picks up by itself.
    /// </summary>
    public FallbackChainBuilder<TProvider> UseSettings(IOptionsMonitor<FailoverSettings> settings, string name)
    {
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _settingsName = name ?? throw new ArgumentNullException(nameof(name), "Pass the options name the settings were registered under (Options.DefaultName for unnamed ones).");
        return this;
    }

    /// <summary>
    /// Shares the chain's cooldowns with the app's other instances through <paramref name="fleet"/> (FailoverGen.Redis
    /// provides one): a provider that refuses one instance is skipped by all, and one instance probes it when its
    /// cooldown ends. Calls never wait on the fleet. A fleet serves the one chain built with it.
    /// </summary>
    public FallbackChainBuilder<TProvider> ShareCooldowns(ICooldownFleet fleet)
    {
        _options.CooldownFleet = fleet ?? throw new ArgumentNullException(nameof(fleet));
        return this;
    }

    /// <summary>Validates the options, builds the chain, and applies its settings when <see cref="UseSettings"/> gave some.</summary>
    /// <exception cref="ArgumentException">No provider was added, or an option is out of range.</exception>
    /// <exception cref="OptionsValidationException">The settings are invalid; each failure names its configuration key.</exception>
    public FallbackChain<TProvider> Build()
    {
        if (_providers.Count == 0)
        {
            throw new ArgumentException(
                $"The chain for {typeof(TProvider).Name} has no providers: call Add(name, provider) at least once before Build().");
        }

        FallbackChainOptions options = _options.Clone();
        options.Validate();
        var chain = new FallbackChain<TProvider>(_providers, options);
        if (_settings is not null)
        {
            chain.Follow(_settings, _settingsName!);
        }

        return chain;
    }
}
