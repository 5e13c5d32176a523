using System;

namespace FailoverGen;

/// <summary>Questions hand-written provider code can ask about an exception.</summary>
public static class FailoverErrors
{
    private static readonly ChainClassifier Classifier = new(Array.Empty<IFailoverClassifier>(), UnknownErrorHandling.FailOver);

    /// <summary>
    /// True when a chain with default settings would move on from this exception: a rate limit, quota, billing, auth,
    /// outage, timeout or network failure, or an error no rule recognises. Use it to keep such errors out of your own
    /// catch blocks: <c>catch (HttpRequestException ex) when (!FailoverErrors.IsFailoverEligible(ex))</c>.
    /// </summary>
    public static bool IsFailoverEligible(Exception exception)
    {
        if (exception is null)
        {
            throw new ArgumentNullException(nameof(exception));
        }

        return Classifier.Judge(exception, FailoverPolicy.Default).Eligible;
    }

    /// <summary>How the built-in rules classify <paramref name="exception"/> (its inner exceptions included).</summary>
    public static FailureClassification Classify(Exception exception) =>
        Classifier.Classify(exception ?? throw new ArgumentNullException(nameof(exception)), FailoverPolicy.Default);
}
