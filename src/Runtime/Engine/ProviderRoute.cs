using Polly;

namespace FailoverGen;

/// <summary>
/// How requests reach one provider under one plan: its pipelines, and whether the first request of an attempt may go
/// straight to the provider. It may when the pipeline is the chain's own and has no attempt timeout to own the request's
/// token: the pipeline is then entered only if that request fails and is worth retrying, with the failure replayed as
/// its first execution, so a request that succeeds costs no pipeline at all.
/// </summary>
internal sealed class ProviderRoute
{
    public ProviderRoute(ResiliencePipeline pipeline, ResiliencePipeline streamPipeline, bool builtIn, bool hasAttemptTimeout, bool retries)
    {
        Pipeline = pipeline;
        StreamPipeline = streamPipeline;
        DirectFirst = builtIn && !hasAttemptTimeout;
        StreamDirectFirst = builtIn;
        Retries = builtIn && retries;
    }

    /// <summary>Retries outside, the attempt timeout inside; or the pipeline the user gave the provider.</summary>
    public ResiliencePipeline Pipeline { get; }

    /// <summary>
    /// Retries for starting a stream, without a timeout strategy: a stream keeps using its token after the first item,
    /// so it must be the stream's own token, never one a timeout strategy owns and recycles.
    /// </summary>
    public ResiliencePipeline StreamPipeline { get; }

    public bool DirectFirst { get; }

    public bool StreamDirectFirst { get; }

    /// <summary>The chain's own pipeline retries this provider: a failed direct request may still be retried through it.</summary>
    public bool Retries { get; }
}
