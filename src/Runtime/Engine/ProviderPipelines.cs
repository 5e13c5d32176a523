using System;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;

namespace FailoverGen;

/// <summary>
/// The built-in per-provider Polly pipelines and the decision they retry on: another request to the same provider
/// only for a transient failure, or for a short wait the provider asked for when no other provider can take the call
/// and the call's deadline leaves time for it. Each failure is classified once, here, and the walk reuses the verdict.
/// </summary>
internal sealed class ProviderPipelines
{
    public static readonly ResiliencePropertyKey<FailoverPolicy> PolicyKey = new("FailoverGen.Policy");
    public static readonly ResiliencePropertyKey<CallDeadline> DeadlineKey = new("FailoverGen.Deadline");

    /// <summary>Set on a recovery probe's context: a probe is never retried.</summary>
    public static readonly ResiliencePropertyKey<bool> ProbeKey = new("FailoverGen.Probe");

    private readonly FallbackChainOptions _options;
    private readonly ChainClassifier _classifier;
    private readonly ICooldownStore _store;
    private readonly TimeProvider _time;
    private readonly Func<int[]> _currentOrder;

    // currentOrder: the providers the running call may use (its scope's subset, or all of them), so a short retry hint
    // is only waited out when none of those could take the call instead.
    public ProviderPipelines(FallbackChainOptions options, ChainClassifier classifier, ICooldownStore store, Func<int[]> currentOrder)
    {
        _options = options;
        _classifier = classifier;
        _store = store;
        _time = options.TimeProvider;
        _currentOrder = currentOrder;
    }

    /// <summary>
    /// Retries outside, the per-attempt timeout inside; <paramref name="maxRetryAttempts"/> and
    /// <paramref name="attemptTimeout"/> override the chain's values for this provider when set.
    /// </summary>
    public ResiliencePipeline Create(int index, bool withAttemptTimeout, int? maxRetryAttempts, TimeSpan? attemptTimeout)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = _time };
        ProviderRetryOptions retry = _options.Retry;
        int retries = maxRetryAttempts ?? retry.MaxRetryAttempts;
        if (retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = retries,
                BackoffType = DelayBackoffType.Exponential,
                Delay = retry.Delay,
                MaxDelay = retry.MaxDelay,
                UseJitter = retry.UseJitter,
                ShouldHandle = args => new ValueTask<bool>(ShouldRetry(index, args.Outcome.Exception, args.Context)),
                DelayGenerator = static args => new ValueTask<TimeSpan?>(AttemptProgress.Of(args.Context).HintedDelay),
            });
        }

        if (withAttemptTimeout && (attemptTimeout ?? _options.AttemptTimeout) is TimeSpan timeout)
        {
            builder.AddTimeout(timeout);
        }

        return builder.Build();
    }

    /// <summary>Counts a request in <paramref name="context"/>; the first needs no record, so a healthy call allocates none.</summary>
    public static void CountRequest(ResilienceContext context)
    {
        if (context.Properties.TryGetValue(AttemptProgress.Key, out AttemptProgress? progress))
        {
            progress.Requests++;
        }
    }

    private bool ShouldRetry(int index, Exception? exception, ResilienceContext context)
    {
        if (exception is null
            || context.CancellationToken.IsCancellationRequested
            || (context.Properties.TryGetValue(ProbeKey, out bool probe) && probe)
            || !context.Properties.TryGetValue(PolicyKey, out FailoverPolicy? policy))
        {
            return false;
        }

        AttemptProgress progress = AttemptProgress.Of(context);
        if (!progress.TryGetVerdict(exception, out Verdict verdict))
        {
            verdict = _classifier.Judge(exception, policy);
            progress.Record(exception, verdict);
        }

        context.Properties.TryGetValue(DeadlineKey, out CallDeadline? deadline);
        progress.HintedDelay = null;
        if (!WorthRetrying(index, exception, verdict, deadline, out TimeSpan? hint))
        {
            return false;
        }

        progress.HintedDelay = hint;
        return true;
    }

    /// <summary>
    /// Whether a failure of provider <paramref name="index"/> is worth another request to it: a transient failure, or
    /// a wait the provider asked for that the deadline leaves time for, when it is short
    /// (<see cref="FallbackChainOptions.ShortRetryAfterWait"/>) or no other provider can take the call
    /// (<see cref="FallbackChainOptions.MaxRetryAfterWait"/>). A stream that went silent is never asked again: waiting
    /// on it twice is what the limit is there to prevent. <paramref name="hint"/> is the wait to use instead of the backoff.
    /// </summary>
    public bool WorthRetrying(int index, Exception error, in Verdict verdict, CallDeadline? deadline, out TimeSpan? hint)
    {
        hint = null;
        if (!verdict.Eligible || error is FailoverStreamTimeoutException)
        {
            return false;
        }

        DateTimeOffset now = _time.GetUtcNow();
        TimeSpan? wait = verdict.Failure.GetRetryDelay(now);
        if (wait is null)
        {
            return verdict.Failure.Reason.IsTransient();
        }

        // A wait the deadline would cut short gains nothing and hides the provider's answer: fail over or end now.
        TimeSpan remaining = deadline?.Remaining(now) ?? TimeSpan.MaxValue;
        if (wait >= remaining
            || (wait > _options.ShortRetryAfterWait && (wait > _options.MaxRetryAfterWait || _store.AnyOtherAvailable(index, _currentOrder(), now))))
        {
            return false;
        }

        hint = wait;
        return true;
    }
}
