using System;

namespace FailoverGen;

/// <summary>
/// Turns an exception thrown by a provider client into a <see cref="FailureClassification"/>.
/// Classifiers registered in <see cref="FallbackChainOptions.Classifiers"/> run first, in order;
/// the built-in rules run last.
/// </summary>
public interface IFailoverClassifier
{
    /// <summary>Classifies <paramref name="exception"/>, or returns false to let the next classifier decide.</summary>
    /// <remarks>Must not throw: a classifier that throws is treated as not recognising the exception.</remarks>
    bool TryClassify(Exception exception, out FailureClassification classification);
}
