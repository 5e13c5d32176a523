using System;

namespace FailoverGen;

/// <summary>
/// Classifies a failure with the chain's classifiers in order: <see cref="FallbackChainOptions.Classifiers"/>, the
/// interface's compile-time <see cref="FailoverPolicy.Classifier"/>, then the built-in rules; on the exception first,
/// then on each inner exception, because SDKs and wrappers often carry the real cause inside.
/// </summary>
internal sealed class ChainClassifier
{
    private const int MaxDepth = 8;
    private readonly IFailoverClassifier[] _custom;
    private readonly bool _unknownFailsOver;

    public ChainClassifier(IFailoverClassifier[] custom, UnknownErrorHandling unknownErrors)
    {
        _custom = custom;
        _unknownFailsOver = unknownErrors == UnknownErrorHandling.FailOver;
    }

    /// <summary>Classifies <paramref name="exception"/> and decides whether <paramref name="policy"/> fails it over.</summary>
    public Verdict Judge(Exception exception, FailoverPolicy policy)
    {
        if (exception is ContinuationRejectedException)
        {
            // Not a provider failure to fail over: it ends the stream with the failure that broke it.
            return new Verdict(new FailureClassification(FailoverReason.BadRequest), eligible: false);
        }

        FailureClassification failure = Classify(exception, policy);
        bool eligible = failure.Reason == FailoverReason.Unknown
            ? policy.IncludesUnknown || _unknownFailsOver
            : policy.Matches(failure);
        return new Verdict(failure, eligible);
    }

    public FailureClassification Classify(Exception exception, FailoverPolicy policy)
    {
        FailureClassification? wrapper = null;
        int depth = 0;
        for (Exception? current = exception; current is not null && depth < MaxDepth; current = current.InnerException, depth++)
        {
            if (ClassifyOne(current, policy) is not FailureClassification found)
            {
                continue;
            }

            if (!IsWrapper(current))
            {
                return found;
            }

            // A cancellation or timeout that wraps another error says only how the call ended; what it wraps (a 429
            // behind an OperationCanceledException, say) says why. Its own verdict stands if nothing inside has one.
            wrapper ??= found;
        }

        return wrapper ?? new FailureClassification(FailoverReason.Unknown);
    }

    private FailureClassification? ClassifyOne(Exception current, FailoverPolicy policy)
    {
        foreach (IFailoverClassifier classifier in _custom)
        {
            if (TryClassify(classifier, current, out FailureClassification custom))
            {
                return custom;
            }
        }

        if (policy.Classifier is { } compiled && TryClassify(compiled, current, out FailureClassification generated))
        {
            return generated;
        }

        return DefaultFailoverClassifier.Instance.TryClassify(current, out FailureClassification builtIn) ? builtIn : null;
    }

    private static bool IsWrapper(Exception exception) =>
        exception.InnerException is not null && exception is OperationCanceledException or TimeoutException;

    private static bool TryClassify(IFailoverClassifier classifier, Exception exception, out FailureClassification classification)
    {
        try
        {
            return classifier.TryClassify(exception, out classification);
        }
        catch (Exception)
        {
            // A broken classifier must not turn one provider failure into a failed chain.
            classification = default;
            return false;
        }
    }
}
