using Polly;

namespace FailoverGen;

/// <summary>One provider in a chain with its retry pipelines and its cooldown group.</summary>
internal sealed class ChainEntry<TProvider>
    where TProvider : class
{
    public ChainEntry(string name, TProvider provider, string? group, ResiliencePipeline pipeline, ResiliencePipeline streamPipeline)
    {
        Name = name;
        Provider = provider;
        Group = group;
        Pipeline = pipeline;
        StreamPipeline = streamPipeline;
    }

    public string Name { get; }

    public TProvider Provider { get; }

    /// <summary>The account or key this provider shares with others; null when it shares none.</summary>
    public string? Group { get; }

    public ResiliencePipeline Pipeline { get; }

    /// <summary>
    /// Retries for starting a stream, without a timeout strategy: a stream keeps using its token after the first item,
    /// so it must be the stream's own token, never one a timeout strategy owns and recycles.
    /// </summary>
    public ResiliencePipeline StreamPipeline { get; }
}
