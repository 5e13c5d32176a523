using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FailoverGen;

/// <summary>Configuration: settings applied on top of the code's options when the chain is built and on every reload.</summary>
public sealed partial class FallbackChain<TProvider>
{
    private readonly object _reconfigureGate = new();

    /// <summary>The section last applied or rejected, so that one edit signalled twice is handled once.</summary>
    private string? _lastFingerprint;

    private ChainPlan CreatePlan(ChainLayout layout, ChainPlan? previous) =>
        ChainPlan.Create(layout, _ownPipelines, new ProviderPipelines(layout.Options, _classifier, _store, CurrentOrder), previous);

    /// <summary>
    /// Applies <paramref name="settings"/> on top of the options the chain was built with, all or nothing: the order,
    /// retries, timeouts, cooldowns, triggers and the rest take effect for calls that start afterwards; cooldowns,
    /// probes and health measurements are kept. Returns the problems that stopped it, each naming its key; empty when applied.
    /// </summary>
    internal IReadOnlyList<string> Apply(FailoverSettings settings)
    {
        var ownPipeline = new bool[_ownPipelines.Length];
        for (int i = 0; i < ownPipeline.Length; i++)
        {
            ownPipeline[i] = _ownPipelines[i] is not null;
        }

        ChainLayout? layout = FailoverSettingsResolver.Resolve(_options, ProviderNames, _codeGroups, ownPipeline, settings, _name, out IReadOnlyList<string> problems);
        if (layout is null)
        {
            return problems;
        }

        lock (_reconfigureGate)
        {
            _store.Reconfigure(layout.Groups, layout.Options.Cooldowns);
            Volatile.Write(ref _plan, CreatePlan(layout, _plan));
        }

        return problems;
    }

    /// <summary>
    /// Applies the settings named <paramref name="name"/> now, throwing when they are invalid, then follows their
    /// reloads. The subscription holds the chain weakly, so a chain nobody uses any more is not kept alive by it.
    /// </summary>
    /// <exception cref="OptionsValidationException">The settings are invalid; each failure names its key.</exception>
    internal void Follow(IOptionsMonitor<FailoverSettings> monitor, string name)
    {
        FailoverSettings settings = monitor.Get(name);
        _lastFingerprint = settings.Fingerprint;
        IReadOnlyList<string> problems = Apply(settings);
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(name, typeof(FailoverSettings), Prefixed(problems));
        }

        SettingsListener.Subscribe(this, monitor, name);
    }

    private void Reload(FailoverSettings settings)
    {
        if (settings.Fingerprint is not null && settings.Fingerprint == Interlocked.Exchange(ref _lastFingerprint, settings.Fingerprint))
        {
            return;
        }

        ILogger logger = _options.LoggerFactory?.CreateLogger(FailoverDiagnostics.LoggerCategory) ?? NullLogger.Instance;
        IReadOnlyList<string> problems = Apply(settings);
        if (problems.Count > 0)
        {
            FailoverLog.SettingsRejected(logger, _name, problems.Count, string.Join(Environment.NewLine, problems));
            return;
        }

        ChainPlan plan = Volatile.Read(ref _plan);
        var order = new string[plan.Order.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = _entries[plan.Order[i]].Name;
        }

        FailoverLog.SettingsApplied(logger, _name, string.Join(" → ", order));
    }

    private IEnumerable<string> Prefixed(IReadOnlyList<string> problems)
    {
        foreach (string problem in problems)
        {
            yield return $"Chain '{_name}': {problem}";
        }
    }

    private sealed class SettingsListener
    {
        private readonly WeakReference<FallbackChain<TProvider>> _chain;
        private readonly string _name;
        private IDisposable? _subscription;

        private SettingsListener(FallbackChain<TProvider> chain, string name)
        {
            _chain = new WeakReference<FallbackChain<TProvider>>(chain);
            _name = name;
        }

        public static void Subscribe(FallbackChain<TProvider> chain, IOptionsMonitor<FailoverSettings> monitor, string name)
        {
            var listener = new SettingsListener(chain, name);
            listener._subscription = monitor.OnChange(listener.OnChange);
        }

        private void OnChange(FailoverSettings settings, string? name)
        {
            if (!string.Equals(name ?? Options.DefaultName, _name, StringComparison.Ordinal))
            {
                return;
            }

            if (_chain.TryGetTarget(out FallbackChain<TProvider>? chain))
            {
                chain.Reload(settings);
            }
            else
            {
                _subscription?.Dispose();
            }
        }
    }
}
