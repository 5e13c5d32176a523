using Polly;

namespace FailoverGen;

/// <summary>One provider in a chain with its cooldown state and its retry pipeline.</summary>
internal sealed class ChainEntry<TProvider>
    where TProvider : class
{
    public ChainEntry(string name, TProvider provider, ResiliencePipeline pipeline, ResiliencePipeline streamPipeline)
    {
        Name = name;
        Provider = provider;
        Pipeline = pipeline;
        StreamPipeline = streamPipeline;
    }

    public string Name { get; }

    public TProvider Provider { get; }

    public ResiliencePipeline Pipeline { get; }

    /// <summary>
    /// Retries for starting a stream, without a timeout strategy: a stream keeps using its token after the first item,
    /// so it must be the stream's own token, never one a timeout strategy owns and recycles.
    /// </summary>
    public ResiliencePipeline StreamPipeline { get; }

    public ProviderCircuit Circuit { get; } = new();
}
