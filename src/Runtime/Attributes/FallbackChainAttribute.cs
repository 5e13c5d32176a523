using System;

namespace FailoverGen;

/// <summary>
/// Marks a provider interface for which the FailoverGen generator emits a wrapper class
/// (<c>IChatProvider</c> → <c>ChatProviderFailover</c>) that implements the interface by
/// walking an ordered <see cref="FallbackChain{TProvider}"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Interface, AllowMultiple = false, Inherited = false)]
public sealed class FallbackChainAttribute : Attribute
{
    /// <summary>Generates the wrapper with the default name: the interface name without its leading <c>I</c>, plus <c>Failover</c>.</summary>
    public FallbackChainAttribute()
    {
    }

    /// <summary>Generates the wrapper with the given class name.</summary>
    /// <param name="className">A valid C# identifier for the generated class.</param>
    public FallbackChainAttribute(string className)
    {
        ClassName = className;
    }

    /// <summary>The generated class name, or <see langword="null"/> for the default.</summary>
    public string? ClassName { get; }
}
