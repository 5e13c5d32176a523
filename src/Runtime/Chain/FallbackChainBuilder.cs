using System;
using System.Collections.Generic;

namespace FailoverGen;

/// <summary>Collects providers in order (primary first) and options, then builds an immutable chain.</summary>
public sealed class FallbackChainBuilder<TProvider>
    where TProvider : class
{
    private readonly List<KeyValuePair<string, TProvider>> _providers = new();
    private readonly FallbackChainOptions _options = new();

    internal FallbackChainBuilder()
    {
    }

    /// <summary>Appends a provider. The first one added is the primary.</summary>
    /// <param name="name">A unique name used in errors, logs and metrics, e.g. <c>"openai/gpt-4o-mini"</c>.</param>
    /// <param name="provider">The implementation to call.</param>
    public FallbackChainBuilder<TProvider> Add(string name, TProvider provider)
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
            if (string.Equals(_providers[i].Key, name, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"A provider named '{name}' is already in the chain at position {i}: give each provider a unique name (for example include the model).",
                    nameof(name));
            }
        }

        _providers.Add(new KeyValuePair<string, TProvider>(name, provider));
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

    /// <summary>Validates the options and builds the chain.</summary>
    /// <exception cref="ArgumentException">No provider was added, or an option is out of range.</exception>
    public FallbackChain<TProvider> Build()
    {
        if (_providers.Count == 0)
        {
            throw new ArgumentException(
                $"The chain for {typeof(TProvider).Name} has no providers: call Add(name, provider) at least once before Build().");
        }

        FallbackChainOptions options = _options.Clone();
        options.Validate();
        return new FallbackChain<TProvider>(_providers, options);
    }
}
