using Polly;

namespace FailoverGen;

/// <summary>A provider as added to the builder, with its group and the pipeline the user supplied for it, if any.</summary>
internal sealed class ProviderRegistration<TProvider>
    where TProvider : class
{
    public ProviderRegistration(string name, TProvider provider, string? group, ResiliencePipeline? pipeline)
    {
        Name = name;
        Provider = provider;
        Group = group;
        Pipeline = pipeline;
    }

    public string Name { get; }

    public TProvider Provider { get; }

    public string? Group { get; }

    public ResiliencePipeline? Pipeline { get; }
}
