using System;

namespace FailoverGen;

/// <summary>
/// Generates a failover wrapper for an interface you do not own, such as
/// <c>[assembly: FallbackChainFor(typeof(Microsoft.Extensions.AI.IChatClient))]</c>, which emits an internal
/// <c>ChatClientFailover</c> in the project's root namespace (the assembly name). Set <see cref="Public"/> for a public
/// wrapper, and <see cref="FailoverOnStatusCodes"/> / <see cref="FailoverOnReasons"/> for what <c>[FailoverOn]</c> would
/// say on an interface of your own.
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

    /// <summary>
    /// Makes the wrapper and its dependency injection method public (the interface must be public), for a library that
    /// hands the wrapper to its users. Default false: internal.
    /// </summary>
    public bool Public { get; set; }

    /// <summary>
    /// Status codes that move to the next provider, as <c>[FailoverOn(429, 503)]</c> would. Together with
    /// <see cref="FailoverOnReasons"/> they replace the default policy; when neither is set the default applies.
    /// </summary>
    public int[]? FailoverOnStatusCodes { get; set; }

    /// <summary>
    /// Reasons that move to the next provider, as <c>[FailoverOn(FailoverReason.ContextOverflow)]</c> would, e.g. to send a
    /// request too long for one model's context to a model with a larger one.
    /// </summary>
    public FailoverReason[]? FailoverOnReasons { get; set; }
}
