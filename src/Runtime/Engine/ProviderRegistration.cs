using Polly;

namespace FailoverGen;

/// <summary>A provider as added to the builder, with the pipeline the user supplied for it, if any.</summary>
internal sealed class ProviderRegistration<TProvider>
    where TProvider : class
{
    public ProviderRegistration(string name, TProvider provider, ResiliencePipeline? pipeline)
    {
        Name = name;
        Provider = provider;
        Pipeline = pipeline;
    }

    public string Name { get; }

    public TProvider Provider { get; }

    public ResiliencePipeline? Pipeline { get; }
}
