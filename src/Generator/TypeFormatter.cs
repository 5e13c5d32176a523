using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace FailoverGen.Generator;

/// <summary>
/// Writes types as fully qualified <c>global::</c> names. Nullable annotations are kept where the language
/// version has them and the member was declared with them, so the copy means exactly what the original does.
/// </summary>
internal sealed class TypeFormatter
{
    private static readonly SymbolDisplayFormat Plain = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMiscellaneousOptions(SymbolDisplayFormat.FullyQualifiedFormat.MiscellaneousOptions | SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    private static readonly SymbolDisplayFormat Annotated = Plain
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private readonly bool _nullableAnnotations;

    public TypeFormatter(bool nullableAnnotations, bool unconstrainedNullable)
    {
        _nullableAnnotations = nullableAnnotations;
        UnconstrainedNullable = unconstrainedNullable;
    }

    /// <summary>The language allows <c>T?</c> on an unconstrained type parameter (C# 9 and later).</summary>
    public bool UnconstrainedNullable { get; }

    public string Display(ITypeSymbol type, bool oblivious = false) =>
        type.ToDisplayString(_nullableAnnotations && !oblivious ? Annotated : Plain);

    /// <summary>
    /// <c>where</c> clauses repeating every constraint, as an implicit implementation must:
    /// class / class? / struct / unmanaged / notnull first, then types, then new().
    /// </summary>
    public IEnumerable<string> ConstraintClauses(ImmutableArray<ITypeParameterSymbol> typeParameters)
    {
        foreach (ITypeParameterSymbol typeParameter in typeParameters)
        {
            var parts = new List<string>();
            if (typeParameter.HasReferenceTypeConstraint)
            {
                parts.Add(_nullableAnnotations && typeParameter.ReferenceTypeConstraintNullableAnnotation == NullableAnnotation.Annotated ? "class?" : "class");
            }
            else if (typeParameter.HasUnmanagedTypeConstraint)
            {
                parts.Add("unmanaged");
            }
            else if (typeParameter.HasValueTypeConstraint)
            {
                parts.Add("struct");
            }
            else if (typeParameter.HasNotNullConstraint)
            {
                parts.Add("notnull");
            }

            foreach (ITypeSymbol constraint in typeParameter.ConstraintTypes)
            {
                parts.Add(Display(constraint));
            }

            if (typeParameter.HasConstructorConstraint && !typeParameter.HasValueTypeConstraint)
            {
                parts.Add("new()");
            }

            if (parts.Count > 0)
            {
                yield return "where " + Parser.Identifier(typeParameter.Name) + " : " + string.Join(", ", parts);
            }
        }
    }
}
