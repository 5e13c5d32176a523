using System;
using System.Collections.Generic;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace FailoverGen;

/// <summary>
/// Binds one named <see cref="FailoverSettings"/> from a configuration section. It never throws: what is wrong with
/// the section is kept on the settings, so a bad reload reaches the chain, which rejects and logs it and keeps its
/// previous settings, instead of failing inside the configuration reload.
/// </summary>
internal sealed class FailoverSettingsBinding : IConfigureNamedOptions<FailoverSettings>
{
    private readonly string _name;
    private readonly IConfiguration _section;

    public FailoverSettingsBinding(string name, IConfiguration section)
    {
        _name = name;
        _section = section;
    }

    public void Configure(string? name, FailoverSettings options)
    {
        if (string.Equals(name ?? Options.DefaultName, _name, StringComparison.Ordinal))
        {
            Bind(_section, options);
        }
    }

    public void Configure(FailoverSettings options) => Configure(Options.DefaultName, options);

    public static void Bind(IConfiguration section, FailoverSettings settings)
    {
        settings.SectionPath = (section as IConfigurationSection)?.Path;
        settings.Fingerprint = Fingerprint(section);
        var problems = FailoverSettingsSchema.Check(section);
        if (problems.Count == 0)
        {
            try
            {
                section.Bind(settings);
            }
            catch (InvalidOperationException ex)
            {
                // The schema check leaves nothing the binder refuses; kept so that a gap never becomes a crash.
                problems.Add(ex.Message);
            }

            // An empty list in JSON binds to nothing at all; the operator still wrote an empty order.
            if (settings.Order is null && IsEmptyList(section, nameof(FailoverSettings.Order)))
            {
                settings.Order = new();
            }
        }

        settings.BindingProblems = problems.Count == 0 ? null : problems;
    }

    private static string Fingerprint(IConfiguration section)
    {
        var pairs = new List<string>();
        foreach (KeyValuePair<string, string?> pair in section.AsEnumerable())
        {
            pairs.Add(pair.Key + "=" + pair.Value);
        }

        pairs.Sort(StringComparer.Ordinal);
        return string.Join("\n", pairs);
    }

    private static bool IsEmptyList(IConfiguration section, string key)
    {
        foreach (IConfigurationSection child in section.GetChildren())
        {
            if (string.Equals(child.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return string.IsNullOrEmpty(child.Value);
            }
        }

        return false;
    }
}
