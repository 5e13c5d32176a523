using System;

namespace FailoverGen;

/// <summary>
/// Generates a failover wrapper for an interface you do not own, such as
/// <c>[assembly: FallbackChainFor(typeof(Microsoft.Extensions.AI.IChatClient))]</c>, which emits an internal
/// <c>ChatClientFailover</c> in the project's root namespace (the assembly name).
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public sealed class FallbackChainForAttribute : Attribute
{
    /// <summary>Generates a wrapper for <paramref name="interfaceType"/>.</summary>
    public FallbackChainForAttribute(Type interfaceType)
    {
        InterfaceType = interfaceType;
    }

    /// <summary>The interface to wrap.</summary>
    public Type InterfaceType { get; }

    /// <summary>The generated class name; by default the interface name without its leading <c>I</c>, plus <c>Failover</c>.</summary>
    public string? ClassName { get; set; }

    /// <summary>The namespace of the generated class; by default the assembly name.</summary>
    public string? Namespace { get; set; }
}
