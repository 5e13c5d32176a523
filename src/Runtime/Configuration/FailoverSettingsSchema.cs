using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace FailoverGen;

/// <summary>
/// The keys a <see cref="FailoverSettings"/> section may hold and the kind of value each takes. Checked before binding,
/// so that a misspelt key or a value of the wrong kind is reported with its full path, all of them at once, instead of
/// being ignored (the binder skips unknown keys) or stopping at the first one (the binder throws on a bad value).
/// </summary>
internal static class FailoverSettingsSchema
{
    private static readonly Node Root = Node.Object(
        (nameof(FailoverSettings.Order), Node.List(Kind.Text)),
        (nameof(FailoverSettings.Retry), Node.Object(
            (nameof(RetrySettings.MaxRetryAttempts), Node.Value(Kind.Integer)),
            (nameof(RetrySettings.Delay), Node.Value(Kind.Duration)),
            (nameof(RetrySettings.MaxDelay), Node.Value(Kind.Duration)),
            (nameof(RetrySettings.UseJitter), Node.Value(Kind.Boolean)))),
        (nameof(FailoverSettings.AttemptTimeout), Node.Value(Kind.Duration)),
        (nameof(FailoverSettings.TotalRequestTimeout), Node.Value(Kind.Duration)),
        (nameof(FailoverSettings.MaxRetryAfterWait), Node.Value(Kind.Duration)),
        (nameof(FailoverSettings.ShortRetryAfterWait), Node.Value(Kind.Duration)),
        (nameof(FailoverSettings.FirstItemTimeout), Node.Value(Kind.Duration)),
        (nameof(FailoverSettings.StreamIdleTimeout), Node.Value(Kind.Duration)),
        (nameof(FailoverSettings.StickyDuration), Node.Value(Kind.Duration)),
        (nameof(FailoverSettings.RestartStreamsOnFailure), Node.Value(Kind.Boolean)),
        (nameof(FailoverSettings.ContinueStreamsOnFailure), Node.Value(Kind.Boolean)),
        (nameof(FailoverSettings.FailoverOn), Node.Object(
            (nameof(FailoverTriggerSettings.StatusCodes), Node.List(Kind.Integer)),
            (nameof(FailoverTriggerSettings.Reasons), Node.List(Kind.Text)),
            (nameof(FailoverTriggerSettings.ReplaceAttributes), Node.Value(Kind.Boolean)))),
        (nameof(FailoverSettings.Cooldowns), Node.Object(
            (nameof(CooldownSettings.RateLimit), Node.Value(Kind.Duration)),
            (nameof(CooldownSettings.QuotaOrBilling), Node.Value(Kind.Duration)),
            (nameof(CooldownSettings.AuthOrNotFound), Node.Value(Kind.Duration)),
            (nameof(CooldownSettings.Transient), Node.Value(Kind.Duration)),
            (nameof(CooldownSettings.Minimum), Node.Value(Kind.Duration)),
            (nameof(CooldownSettings.Maximum), Node.Value(Kind.Duration)),
            (nameof(CooldownSettings.FailureRatio), Node.Value(Kind.Number)),
            (nameof(CooldownSettings.MinimumThroughput), Node.Value(Kind.Integer)))),
        (nameof(FailoverSettings.Health), Node.Object(
            (nameof(HealthSettings.DetectDegradation), Node.Value(Kind.Boolean)),
            (nameof(HealthSettings.DegradationFactor), Node.Value(Kind.Number)),
            (nameof(HealthSettings.DegradationMinimumSamples), Node.Value(Kind.Integer)))),
        (nameof(FailoverSettings.Providers), Node.Map(Node.Object(
            (nameof(FailoverProviderSettings.Enabled), Node.Value(Kind.Boolean)),
            (nameof(FailoverProviderSettings.MaxRetryAttempts), Node.Value(Kind.Integer)),
            (nameof(FailoverProviderSettings.AttemptTimeout), Node.Value(Kind.Duration)),
            (nameof(FailoverProviderSettings.Group), Node.Value(Kind.Text))))));

    private enum Kind
    {
        Text,
        Integer,
        Number,
        Boolean,
        Duration,
        List,
        Object,
        Map,
    }

    /// <summary>Every problem in <paramref name="section"/>, each naming its full key.</summary>
    public static List<string> Check(IConfiguration section)
    {
        var problems = new List<string>();
        CheckChildren(section, Root, problems);
        return problems;
    }

    private static void CheckChildren(IConfiguration section, Node node, List<string> problems)
    {
        foreach (IConfigurationSection child in section.GetChildren())
        {
            Node? expected = node.Kind == Kind.Map ? node.Element : node.Find(child.Key);
            if (expected is null)
            {
                problems.Add($"{child.Path} is not a failover setting; the settings here are {string.Join(", ", node.KeyNames())}.");
                continue;
            }

            Check(child, expected, problems);
        }
    }

    private static void Check(IConfigurationSection section, Node node, List<string> problems)
    {
        bool hasChildren = false;
        foreach (IConfigurationSection _ in section.GetChildren())
        {
            hasChildren = true;
            break;
        }

        switch (node.Kind)
        {
            case Kind.Object or Kind.Map:
                if (!string.IsNullOrEmpty(section.Value))
                {
                    problems.Add($"{section.Path} holds the value '{section.Value}' where settings are expected: {string.Join(", ", node.KeyNames())}.");
                }

                CheckChildren(section, node, problems);
                break;
            case Kind.List:
                if (!string.IsNullOrEmpty(section.Value))
                {
                    problems.Add($"{section.Path} holds the single value '{section.Value}' where a list is expected, e.g. [ \"a\", \"b\" ].");
                }

                foreach (IConfigurationSection item in section.GetChildren())
                {
                    if (!int.TryParse(item.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                    {
                        problems.Add($"{item.Path} is not a list position: {section.Path} is a list.");
                    }
                    else
                    {
                        Check(item, node.Element!, problems);
                    }
                }

                break;
            default:
                if (hasChildren)
                {
                    problems.Add($"{section.Path} holds settings where a single value is expected.");
                }
                else if (!string.IsNullOrEmpty(section.Value) && !Parses(node.Kind, section.Value!))
                {
                    problems.Add($"{section.Path} is '{section.Value}', which is not {Describe(node.Kind)}.");
                }

                break;
        }
    }

    /// <summary>The formats the configuration binder converts, read with the invariant culture as it does.</summary>
    private static bool Parses(Kind kind, string value) => kind switch
    {
        Kind.Integer => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        Kind.Number => double.TryParse(value, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out _),
        Kind.Boolean => bool.TryParse(value, out _),
        Kind.Duration => TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out _),
        _ => true,
    };

    private static string Describe(Kind kind) => kind switch
    {
        Kind.Integer => "a whole number",
        Kind.Number => "a number",
        Kind.Boolean => "true or false",
        _ => "a duration (e.g. \"00:00:30\" for 30 seconds)",
    };

    private sealed class Node
    {
        private readonly (string Key, Node Node)[] _children;

        private Node(Kind kind, Node? element, (string, Node)[] children)
        {
            Kind = kind;
            Element = element;
            _children = children;
        }

        public Kind Kind { get; }

        /// <summary>A list's items, or a map's values.</summary>
        public Node? Element { get; }

        public static Node Value(Kind kind) => new(kind, null, Array.Empty<(string, Node)>());

        public static Node List(Kind item) => new(Kind.List, Value(item), Array.Empty<(string, Node)>());

        public static Node Map(Node value) => new(Kind.Map, value, Array.Empty<(string, Node)>());

        public static Node Object(params (string, Node)[] children) => new(Kind.Object, null, children);

        /// <summary>Configuration keys are case-insensitive, as the binder reads them.</summary>
        public Node? Find(string key)
        {
            foreach ((string name, Node child) in _children)
            {
                if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase))
                {
                    return child;
                }
            }

            return null;
        }

        public IEnumerable<string> KeyNames()
        {
            if (Kind == Kind.Map)
            {
                return new[] { "provider names" };
            }

            var names = new string[_children.Length];
            for (int i = 0; i < names.Length; i++)
            {
                names[i] = _children[i].Key;
            }

            return names;
        }
    }
}
