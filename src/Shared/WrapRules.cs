using System.Linq;
using Microsoft.CodeAnalysis;

namespace FailoverGen.Shared;

/// <summary>
/// What a generated wrapper can do with an interface and its members: the one definition the generator builds from and
/// the analyzers report from, so a member the wrapper forwards to the primary is exactly a member FG0005 names, and an
/// interface the generator leaves out is exactly one an FG0009–FG0012 diagnostic explains.
/// </summary>
internal static class WrapRules
{
    /// <summary>Why the wrapper cannot replay <paramref name="member"/> on another provider; null when it can.</summary>
    public static string? WhyPrimaryOnly(ISymbol member) => member switch
    {
        IPropertySymbol { IsIndexer: true } => "an indexer",
        IPropertySymbol { RefKind: not RefKind.None } or IMethodSymbol { RefKind: not RefKind.None } => "it returns by reference",
        IPropertySymbol property when !CanBeTypeArgument(property.Type) => "its type is a ref struct or a pointer",
        IMethodSymbol method when method.Parameters.Any(p => p.RefKind is RefKind.Ref or RefKind.Out) => "it has ref or out parameters",
        IMethodSymbol method when method.Parameters.Any(p => !CanBeTypeArgument(p.Type)) => "it has a ref struct or pointer parameter",
        IMethodSymbol { ReturnsVoid: false } method when !CanBeTypeArgument(method.ReturnType) => "it returns a ref struct or a pointer",
        _ => null,
    };

    /// <summary>
    /// <c>object? GetService(Type serviceType, object? serviceKey)</c> and its one-parameter form describe what a client is
    /// and wraps (Microsoft.Extensions.AI's pipeline builders call it while composing); they are not requests, so the
    /// primary answers them and FG0005 does not report them.
    /// </summary>
    public static bool IsServiceLookup(ISymbol member) =>
        member is IMethodSymbol { Name: "GetService", ReturnType.SpecialType: SpecialType.System_Object, Parameters.Length: 1 or 2 } method
        && SymbolNames.Is(method.Parameters[0].Type, "System.Type");

    /// <summary>Whether a value of <paramref name="type"/> can travel in the engine's generic state and results.</summary>
    public static bool CanBeTypeArgument(ITypeSymbol type) =>
        !type.IsRefLikeType && type.TypeKind is not (TypeKind.Pointer or TypeKind.FunctionPointer) && type.SpecialType != SpecialType.System_Void;

    /// <summary>Abstract static members cannot be implemented by an instance that forwards to other instances.</summary>
    public static bool HasStaticAbstractMembers(INamedTypeSymbol type) =>
        new[] { type }.Concat(type.AllInterfaces).SelectMany(i => i.GetMembers()).Any(m => m.IsStatic && m.IsAbstract);

    /// <summary>Generated code lives in another file and at namespace level: a file-local interface, or one nested as private or protected, is out of its reach.</summary>
    public static bool IsReachableFromGeneratedCode(INamedTypeSymbol type)
    {
        if (type.IsFileLocal)
        {
            return false;
        }

        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when a member of the interface uses pointer or function-pointer types, which need an unsafe context.</summary>
    public static bool UsesPointers(INamedTypeSymbol type) =>
        new[] { type }.Concat(type.AllInterfaces).SelectMany(i => i.GetMembers()).Any(m => m switch
        {
            IMethodSymbol method => IsPointerLike(method.ReturnType) || method.Parameters.Any(p => IsPointerLike(p.Type)),
            IPropertySymbol property => IsPointerLike(property.Type) || property.Parameters.Any(p => IsPointerLike(p.Type)),
            IEventSymbol @event => IsPointerLike(@event.Type),
            _ => false,
        });

    private static bool IsPointerLike(ITypeSymbol type) => type switch
    {
        IPointerTypeSymbol or IFunctionPointerTypeSymbol => true,
        IArrayTypeSymbol array => IsPointerLike(array.ElementType),
        INamedTypeSymbol named => named.TypeArguments.Any(IsPointerLike),
        _ => false,
    };
}
