namespace FailoverGen;

/// <summary>
/// Receives what happens in a chain, as it happens, on the calling thread. Override the methods you need; add the
/// observer to <see cref="FallbackChainOptions.Observers"/>. Keep them quick: they run on the call path. An observer
/// that throws never breaks a call; its first exception is logged (event id 1900) and later ones are ignored.
/// </summary>
public abstract class FailoverObserver
{
    /// <summary>A call is about to send its request to a provider.</summary>
    public virtual void OnAttemptStarted(AttemptStarted e)
    {
    }

    /// <summary>A provider answered (for a stream: the stream ended, with its time to first item).</summary>
    public virtual void OnAttemptSucceeded(AttemptSucceeded e)
    {
    }

    /// <summary>A provider failed with an error the chain handles.</summary>
    public virtual void OnAttemptFailed(AttemptFailed e)
    {
    }

    /// <summary>A provider was passed by without a request.</summary>
    public virtual void OnAttemptSkipped(AttemptSkipped e)
    {
    }

    /// <summary>A call succeeded on a provider after others were passed over.</summary>
    public virtual void OnSwitched(ProviderSwitched e)
    {
    }

    /// <summary>A provider's cooldown started or was extended.</summary>
    public virtual void OnCooldownOpened(CooldownOpened e)
    {
    }

    /// <summary>A provider that was cooling down answered again.</summary>
    public virtual void OnRecovered(ProviderRecovered e)
    {
    }

    /// <summary>A call ended with every provider failed or skipped.</summary>
    public virtual void OnExhausted(ChainExhausted e)
    {
    }

    /// <summary>A stream that broke after items reached the caller goes on from another provider, continued or started over.</summary>
    public virtual void OnStreamResumed(StreamResumed e)
    {
    }

    /// <summary>A provider's latency moved it after the healthy providers, or it is back in its place.</summary>
    public virtual void OnDegradationChanged(DegradationChanged e)
    {
    }
}
