using System;
using System.Collections.Generic;
using System.Globalization;

namespace FailoverGen;

/// <summary>
/// Checks <see cref="FailoverSettings"/> against a chain's providers and puts them on top of the options set in code.
/// Every problem is reported, each naming its configuration key, and nothing is applied unless there are none.
/// </summary>
internal sealed class FailoverSettingsResolver
{
    private readonly FailoverSettings _settings;
    private readonly string _path;
    private readonly string _chain;
    private readonly IReadOnlyList<string> _names;
    private readonly List<string> _problems = new();

    private FailoverSettingsResolver(FailoverSettings settings, string chain, IReadOnlyList<string> names)
    {
        _settings = settings;
        _path = settings.SectionPath ?? nameof(FailoverSettings);
        _chain = chain;
        _names = names;
        if (settings.BindingProblems is not null)
        {
            _problems.AddRange(settings.BindingProblems);
        }
    }

    /// <summary>
    /// The layout <paramref name="settings"/> give on top of <paramref name="code"/>, or null with the problems found.
    /// </summary>
    public static ChainLayout? Resolve(
        FallbackChainOptions code,
        IReadOnlyList<string> names,
        string?[] codeGroups,
        IReadOnlyList<bool> ownPipeline,
        FailoverSettings settings,
        string chain,
        out IReadOnlyList<string> problems)
    {
        var resolver = new FailoverSettingsResolver(settings, chain, names);
        ChainLayout layout = resolver.Build(code, codeGroups, ownPipeline);
        problems = resolver._problems;
        return resolver._problems.Count == 0 ? layout : null;
    }

    private ChainLayout Build(FallbackChainOptions code, string?[] codeGroups, IReadOnlyList<bool> ownPipeline)
    {
        FallbackChainOptions options = code.Clone();
        ApplyRetry(options.Retry, _settings.Retry);
        options.AttemptTimeout = Limit(_settings.AttemptTimeout, "AttemptTimeout") ?? options.AttemptTimeout;
        options.TotalRequestTimeout = Limit(_settings.TotalRequestTimeout, "TotalRequestTimeout") ?? options.TotalRequestTimeout;
        options.MaxRetryAfterWait = NonNegative(_settings.MaxRetryAfterWait, "MaxRetryAfterWait") ?? options.MaxRetryAfterWait;
        options.ShortRetryAfterWait = NonNegative(_settings.ShortRetryAfterWait, "ShortRetryAfterWait") ?? options.ShortRetryAfterWait;
        options.FirstItemTimeout = Limit(_settings.FirstItemTimeout, "FirstItemTimeout") ?? options.FirstItemTimeout;
        options.StreamIdleTimeout = Limit(_settings.StreamIdleTimeout, "StreamIdleTimeout") ?? options.StreamIdleTimeout;
        if (NonNegative(_settings.StickyDuration, "StickyDuration") is TimeSpan sticky)
        {
            // Zero is how configuration turns sticky mode off; in code that is null.
            options.StickyDuration = sticky == TimeSpan.Zero ? null : sticky;
        }

        options.RestartStreamsOnFailure = _settings.RestartStreamsOnFailure ?? options.RestartStreamsOnFailure;
        options.ContinueStreamsOnFailure = _settings.ContinueStreamsOnFailure ?? options.ContinueStreamsOnFailure;
        ApplyCooldowns(options.Cooldowns, _settings.Cooldowns);
        ApplyHealth(options.Health, _settings.Health);
        Check(options.Validate, _path);

        int count = _names.Count;
        var groups = (string?[])codeGroups.Clone();
        var retries = new int?[count];
        var timeouts = new TimeSpan?[count];
        var disabled = new bool[count];
        ApplyProviders(groups, retries, timeouts, disabled, ownPipeline, options.Retry.MaxRetryAttempts);
        int[] order = ResolveOrder(disabled);
        return new ChainLayout(options, order, groups, retries, timeouts, ResolveTriggers());
    }

    private void ApplyRetry(ProviderRetryOptions retry, RetrySettings? settings)
    {
        if (settings is null)
        {
            return;
        }

        retry.MaxRetryAttempts = Attempts(settings.MaxRetryAttempts, "Retry:MaxRetryAttempts") ?? retry.MaxRetryAttempts;
        retry.Delay = NonNegative(settings.Delay, "Retry:Delay") ?? retry.Delay;
        retry.MaxDelay = NonNegative(settings.MaxDelay, "Retry:MaxDelay") ?? retry.MaxDelay;
        retry.UseJitter = settings.UseJitter ?? retry.UseJitter;
        Check(retry.Validate, _path + ":Retry");
    }

    private void ApplyCooldowns(CooldownOptions cooldowns, CooldownSettings? settings)
    {
        if (settings is null)
        {
            return;
        }

        cooldowns.RateLimit = NonNegative(settings.RateLimit, "Cooldowns:RateLimit") ?? cooldowns.RateLimit;
        cooldowns.QuotaOrBilling = NonNegative(settings.QuotaOrBilling, "Cooldowns:QuotaOrBilling") ?? cooldowns.QuotaOrBilling;
        cooldowns.AuthOrNotFound = NonNegative(settings.AuthOrNotFound, "Cooldowns:AuthOrNotFound") ?? cooldowns.AuthOrNotFound;
        cooldowns.Transient = NonNegative(settings.Transient, "Cooldowns:Transient") ?? cooldowns.Transient;
        cooldowns.Minimum = NonNegative(settings.Minimum, "Cooldowns:Minimum") ?? cooldowns.Minimum;
        cooldowns.Maximum = NonNegative(settings.Maximum, "Cooldowns:Maximum") ?? cooldowns.Maximum;
        cooldowns.FailureRatio = settings.FailureRatio ?? cooldowns.FailureRatio;
        cooldowns.MinimumThroughput = settings.MinimumThroughput ?? cooldowns.MinimumThroughput;
        Check(cooldowns.Validate, _path + ":Cooldowns");
    }

    private void ApplyHealth(ProviderHealthOptions health, HealthSettings? settings)
    {
        if (settings is null)
        {
            return;
        }

        health.DetectDegradation = settings.DetectDegradation ?? health.DetectDegradation;
        health.DegradationFactor = settings.DegradationFactor ?? health.DegradationFactor;
        health.DegradationMinimumSamples = settings.DegradationMinimumSamples ?? health.DegradationMinimumSamples;
        Check(health.Validate, _path + ":Health");
    }

    private void ApplyProviders(string?[] groups, int?[] retries, TimeSpan?[] timeouts, bool[] disabled, IReadOnlyList<bool> ownPipeline, int chainRetries)
    {
        if (_settings.Providers is null)
        {
            return;
        }

        foreach (KeyValuePair<string, FailoverProviderSettings> entry in _settings.Providers)
        {
            string key = _path + ":Providers:" + entry.Key;
            int index = IndexOf(entry.Key);
            if (index < 0)
            {
                _problems.Add($"{key}: '{entry.Key}' is not a provider of chain '{_chain}' (its providers: {string.Join(", ", _names)}).");
                continue;
            }

            FailoverProviderSettings provider = entry.Value ?? new FailoverProviderSettings();
            disabled[index] = provider.Enabled == false;
            if (provider.Group is not null)
            {
                groups[index] = string.IsNullOrWhiteSpace(provider.Group) ? null : provider.Group;
            }

            retries[index] = Attempts(provider.MaxRetryAttempts, "Providers:" + entry.Key + ":MaxRetryAttempts");
            timeouts[index] = Limit(provider.AttemptTimeout, "Providers:" + entry.Key + ":AttemptTimeout");
            if (ownPipeline[index] && (provider.MaxRetryAttempts is not null || provider.AttemptTimeout is not null))
            {
                _problems.Add($"{key}: '{entry.Key}' was added with its own resilience pipeline, so MaxRetryAttempts and AttemptTimeout cannot apply to it; set them on that pipeline.");
            }

            if (retries[index] == chainRetries)
            {
                retries[index] = null;
            }
        }
    }

    private int[] ResolveOrder(bool[] disabled)
    {
        var order = new List<int>(_names.Count);
        string origin;
        if (_settings.Order is null)
        {
            origin = "the registered providers";
            for (int i = 0; i < _names.Count; i++)
            {
                order.Add(i);
            }
        }
        else
        {
            origin = _path + ":Order";
            if (_settings.Order.Count == 0)
            {
                _problems.Add($"{_path}:Order is empty: list the providers of chain '{_chain}' to use, primary first ({string.Join(", ", _names)}), or remove Order to use them all in registration order.");
                return Array.Empty<int>();
            }

            for (int position = 0; position < _settings.Order.Count; position++)
            {
                string name = _settings.Order[position];
                string key = _path + ":Order:" + position.ToString(CultureInfo.InvariantCulture);
                int index = IndexOf(name);
                if (index < 0)
                {
                    _problems.Add(string.IsNullOrWhiteSpace(name)
                        ? $"{key} is blank: name a provider of chain '{_chain}' ({string.Join(", ", _names)})."
                        : $"{key}: '{name}' is not a provider of chain '{_chain}' (its providers: {string.Join(", ", _names)}).");
                }
                else if (order.Contains(index))
                {
                    _problems.Add($"{key}: '{name}' is listed twice (first at {_path}:Order:{_settings.Order.IndexOf(name).ToString(CultureInfo.InvariantCulture)}); list each provider once.");
                }
                else
                {
                    order.Add(index);
                }
            }
        }

        order.RemoveAll(index => disabled[index]);
        if (order.Count == 0 && _problems.Count == 0)
        {
            _problems.Add($"{_path}:Providers disables every provider of {origin}: chain '{_chain}' needs at least one enabled provider.");
        }

        return order.ToArray();
    }

    private FailoverTriggers? ResolveTriggers()
    {
        FailoverTriggerSettings? triggers = _settings.FailoverOn;
        if (triggers is null)
        {
            return null;
        }

        var codes = new List<int>();
        List<int> statusCodes = triggers.StatusCodes ?? new List<int>();
        for (int i = 0; i < statusCodes.Count; i++)
        {
            if (statusCodes[i] is < 100 or > 599)
            {
                _problems.Add($"{_path}:FailoverOn:StatusCodes:{i.ToString(CultureInfo.InvariantCulture)}: {statusCodes[i].ToString(CultureInfo.InvariantCulture)} is not an HTTP status code; use a value between 100 and 599, e.g. 429.");
            }
            else
            {
                codes.Add(statusCodes[i]);
            }
        }

        var reasons = new List<FailoverReason>();
        List<string> names = triggers.Reasons ?? new List<string>();
        for (int i = 0; i < names.Count; i++)
        {
            if (FailoverReasonExtensions.TryParseName(names[i], out FailoverReason reason))
            {
                reasons.Add(reason);
            }
            else
            {
                _problems.Add($"{_path}:FailoverOn:Reasons:{i.ToString(CultureInfo.InvariantCulture)}: '{names[i]}' is not a failover reason; use one of {FailoverReasonExtensions.NameList}.");
            }
        }

        bool replace = triggers.ReplaceAttributes == true;
        if (replace && codes.Count == 0 && reasons.Count == 0 && _problems.Count == 0)
        {
            _problems.Add($"{_path}:FailoverOn:ReplaceAttributes is true but no status code or reason is listed: the chain would never fail over. List the triggers, or remove ReplaceAttributes.");
        }

        return codes.Count == 0 && reasons.Count == 0 && !replace ? null : new FailoverTriggers(codes.ToArray(), reasons.ToArray(), replace);
    }

    private int IndexOf(string? name)
    {
        for (int i = 0; i < _names.Count; i++)
        {
            if (string.Equals(_names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private TimeSpan? NonNegative(TimeSpan? value, string key)
    {
        if (value < TimeSpan.Zero)
        {
            _problems.Add($"{_path}:{key} is negative ({value}): use a positive duration such as \"00:00:30\".");
            return null;
        }

        return value;
    }

    /// <summary>A timeout: Polly's timeout strategy accepts 10 ms to 1 day.</summary>
    private TimeSpan? Limit(TimeSpan? value, string key)
    {
        if (NonNegative(value, key) is not TimeSpan limit)
        {
            return null;
        }

        if (limit < TimeSpan.FromMilliseconds(10) || limit > TimeSpan.FromDays(1))
        {
            _problems.Add($"{_path}:{key} is {limit}: a timeout must be between 10 ms and 1 day; remove it for no limit.");
            return null;
        }

        return limit;
    }

    private int? Attempts(int? value, string key)
    {
        if (value is < 0 or > ProviderRetryOptions.MaxRetryAttemptsLimit)
        {
            _problems.Add($"{_path}:{key} is {value}: it must be between 0 (no retries) and {ProviderRetryOptions.MaxRetryAttemptsLimit}.");
            return null;
        }

        return value;
    }

    /// <summary>Runs an options group's own validation, reporting what it rejects under that group's key.</summary>
    private void Check(Action validate, string key)
    {
        if (_problems.Count > 0)
        {
            // The group's checks would repeat a problem already named with its key.
            return;
        }

        try
        {
            validate();
        }
        catch (ArgumentException ex)
        {
            // The exception's own text without the parameter and value lines .NET appends to it.
            string message = ex.Message;
            foreach (string tail in new[] { " (Parameter '", "\n", "\r" })
            {
                int cut = message.IndexOf(tail, StringComparison.Ordinal);
                message = cut > 0 ? message.Substring(0, cut) : message;
            }

            _problems.Add($"{key}: {message}");
        }
    }
}
