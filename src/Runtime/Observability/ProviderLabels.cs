using System.Collections.Generic;

namespace FailoverGen;

/// <summary>
/// How one provider is named in logs, metrics and spans, worked out once per chain. A name of the form
/// <c>vendor/model</c> (the convention in this library's examples) gives <c>gen_ai.provider.name</c> and
/// <c>gen_ai.request.model</c>; any other name is the provider name as a whole.
/// </summary>
internal sealed class ProviderLabels
{
    public ProviderLabels(string chain, string name)
    {
        Name = name;
        int slash = name.IndexOf('/');
        Vendor = slash > 0 ? name.Substring(0, slash) : name;
        Model = slash > 0 && slash < name.Length - 1 ? name.Substring(slash + 1) : null;
        SpanName = "attempt " + name;
        Tags = new[]
        {
            new KeyValuePair<string, object?>(TagNames.Chain, chain),
            new KeyValuePair<string, object?>(TagNames.Provider, name),
            new KeyValuePair<string, object?>(TagNames.GenAiProvider, Vendor),
        };
    }

    public string Name { get; }

    public string Vendor { get; }

    public string? Model { get; }

    public string SpanName { get; }

    /// <summary>Chain, provider and <c>gen_ai.provider.name</c>: the tags every per-provider measurement carries.</summary>
    public KeyValuePair<string, object?>[] Tags { get; }
}
