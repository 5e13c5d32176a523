using Polly;

namespace FailoverGen;

/// <summary>One provider in a chain with its cooldown state and its retry pipeline.</summary>
internal sealed class ChainEntry<TProvider>
    where TProvider : class
{
    public ChainEntry(string name, TProvider provider, ResiliencePipeline pipeline)
    {
        Name = name;
        Provider = provider;
        Pipeline = pipeline;
    }

    public string Name { get; }

    public TProvider Provider { get; }

    public ResiliencePipeline Pipeline { get; }

    public ProviderCircuit Circuit { get; } = new();
}
