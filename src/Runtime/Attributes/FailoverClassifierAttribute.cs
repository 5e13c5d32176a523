using System;

namespace FailoverGen;

/// <summary>
/// Adds a classifier of your own to a <see cref="FallbackChainAttribute"/> interface. The generated wrapper creates
/// one instance of <see cref="ClassifierType"/> (it needs a parameterless constructor and must implement
/// <see cref="IFailoverClassifier"/>) and consults it before the classifiers generated for referenced SDKs.
/// </summary>
[AttributeUsage(AttributeTargets.Interface, AllowMultiple = true, Inherited = false)]
public sealed class FailoverClassifierAttribute : Attribute
{
    /// <summary>Registers <paramref name="classifierType"/>.</summary>
    public FailoverClassifierAttribute(Type classifierType)
    {
        ClassifierType = classifierType;
    }

    /// <summary>The classifier type.</summary>
    public Type ClassifierType { get; }
}
