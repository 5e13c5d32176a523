using System.Linq;
using Microsoft.CodeAnalysis;

namespace FailoverGen.Generator;

/// <summary>
/// Keys that compare interface members the way the compiler does when one class implements them.
/// <see cref="Slot"/> is what the CLR can tell apart: two members with the same slot cannot both be implemented
/// implicitly (CS0111, CS0663), whatever their type-parameter names, nullability, constraints or ref flavour.
/// <see cref="Identity"/> adds everything else: members with the same identity can share one implicit implementation.
/// Method type parameters are written by position, so <c>Get&lt;T&gt;(T)</c> and <c>Get&lt;U&gt;(U)</c> compare equal.
/// </summary>
internal static class SignatureKeys
{
    public static string Slot(ISymbol member) => member switch
    {
        IMethodSymbol method => method.Name + "`" + method.TypeParameters.Length + "(" + string.Join(",", method.Parameters.Select(p => (p.RefKind == RefKind.None ? string.Empty : "&") + Type(p.Type, annotated: false))) + ")",
        IPropertySymbol { IsIndexer: true } indexer => "this[" + string.Join(",", indexer.Parameters.Select(p => Type(p.Type, annotated: false))) + "]",
        _ => member.Name,
    };

    public static string Identity(ISymbol member) => member switch
    {
        IMethodSymbol method => method.RefKind + " " + Type(method.ReturnType, annotated: true) + " " + method.Name + "<"
            + string.Join(",", method.TypeParameters.Select(Constraints)) + ">("
            + string.Join(",", method.Parameters.Select(p => p.RefKind + " " + Type(p.Type, annotated: true))) + ")",
        IPropertySymbol property => property.RefKind + " " + Type(property.Type, annotated: true) + " " + property.Name + "["
            + string.Join(",", property.Parameters.Select(p => Type(p.Type, annotated: true))) + "]"
            + (property.GetMethod is null ? string.Empty : " get") + (property.SetMethod is null ? string.Empty : " set"),
        IEventSymbol @event => Type(@event.Type, annotated: true) + " " + @event.Name,
        _ => member.Name,
    };

    private static string Constraints(ITypeParameterSymbol parameter) =>
        (parameter.HasReferenceTypeConstraint ? "class" + (parameter.ReferenceTypeConstraintNullableAnnotation == NullableAnnotation.Annotated ? "?" : string.Empty) + " " : string.Empty)
        + (parameter.HasValueTypeConstraint ? "struct " : string.Empty)
        + (parameter.HasUnmanagedTypeConstraint ? "unmanaged " : string.Empty)
        + (parameter.HasNotNullConstraint ? "notnull " : string.Empty)
        + (parameter.HasConstructorConstraint ? "new() " : string.Empty)
        + string.Join(" ", parameter.ConstraintTypes.Select(t => Type(t, annotated: true)));

    private static string Type(ITypeSymbol type, bool annotated)
    {
        string nullable = annotated && type.NullableAnnotation == NullableAnnotation.Annotated && !type.IsValueType ? "?" : string.Empty;
        return type switch
        {
            ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method } parameter => "!!" + parameter.Ordinal + nullable,
            IArrayTypeSymbol array => Type(array.ElementType, annotated) + "[" + new string(',', array.Rank - 1) + "]" + nullable,
            IPointerTypeSymbol pointer => Type(pointer.PointedAtType, annotated) + "*",
            INamedTypeSymbol { IsGenericType: true } named => named.OriginalDefinition.ToDisplayString() + "<" + string.Join(",", named.TypeArguments.Select(t => Type(t, annotated))) + ">" + nullable,

            // dynamic is object to the runtime: overloads on one and the other clash.
            IDynamicTypeSymbol => "object" + nullable,
            _ => type.WithNullableAnnotation(NullableAnnotation.None).ToDisplayString() + nullable,
        };
    }
}
