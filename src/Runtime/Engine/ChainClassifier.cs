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
        FailureClassification failure = Classify(exception, policy);
        bool eligible = failure.Reason == FailoverReason.Unknown
            ? policy.IncludesUnknown || _unknownFailsOver
            : policy.Matches(failure);
        return new Verdict(failure, eligible);
    }

    public FailureClassification Classify(Exception exception, FailoverPolicy policy)
    {
        int depth = 0;
        for (Exception? current = exception; current is not null && depth < MaxDepth; current = current.InnerException, depth++)
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

            if (DefaultFailoverClassifier.Instance.TryClassify(current, out FailureClassification builtIn))
            {
                return builtIn;
            }
        }

        return new FailureClassification(FailoverReason.Unknown);
    }

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
