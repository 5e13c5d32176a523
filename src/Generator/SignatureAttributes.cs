using System.Collections.Generic;
using System.Linq;
using FailoverGen.Generator.Model;
using FailoverGen.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FailoverGen.Generator;

/// <summary>
/// What an implementing member must repeat from the interface so that the compiler reads it the same way: the
/// nullability attributes of parameters, returns and properties (<c>[NotNullWhen(true)] out T?</c>, <c>[AllowNull]</c>),
/// and an <c>[Obsolete(…, true)]</c> that no pragma can silence. While the members are parsed it also collects the
/// diagnostics the generated file must suppress: using obsolete or experimental interfaces, members and types is the
/// user's choice, made where they named the interface, not something to report again in generated code.
/// </summary>
internal sealed class SignatureAttributes
{
    private const string CodeAnalysis = "System.Diagnostics.CodeAnalysis";
    private const string Experimental = CodeAnalysis + ".ExperimentalAttribute";
    private const string Obsolete = "System.ObsoleteAttribute";

    /// <summary>The nullability attributes of <c>System.Diagnostics.CodeAnalysis</c>, by name.</summary>
    private static readonly HashSet<string> NullabilityAttributes = new()
    {
        "AllowNullAttribute", "DisallowNullAttribute", "MaybeNullAttribute", "NotNullAttribute", "MaybeNullWhenAttribute",
        "NotNullWhenAttribute", "NotNullIfNotNullAttribute",
    };

    private readonly Compilation _compilation;
    private readonly SortedSet<string> _suppressed = new(System.StringComparer.Ordinal);
    private readonly HashSet<ISymbol> _seen = new(SymbolEqualityComparer.Default);

    public SignatureAttributes(Compilation compilation)
    {
        _compilation = compilation;
    }

    /// <summary>Diagnostic ids for <c>#pragma warning disable</c> at the top of the generated file, sorted.</summary>
    public EquatableArray<string> Suppressions => _suppressed.ToEquatableArray();

    /// <summary>Suppresses <paramref name="id"/> in the generated file.</summary>
    public void Suppress(string id) => _suppressed.Add(id);

    /// <summary>Collects the obsolete and experimental marks of <paramref name="symbol"/> and of every type its signature names.</summary>
    public void Note(ISymbol symbol)
    {
        if (!_seen.Add(symbol))
        {
            return;
        }

        NoteAttributes(symbol);
        switch (symbol)
        {
            case IMethodSymbol method:
                Note(method.ReturnType);
                foreach (IParameterSymbol parameter in method.Parameters)
                {
                    Note(parameter.Type);
                }

                foreach (ITypeParameterSymbol typeParameter in method.TypeParameters)
                {
                    foreach (ITypeSymbol constraint in typeParameter.ConstraintTypes)
                    {
                        Note(constraint);
                    }
                }

                break;
            case IPropertySymbol property:
                Note(property.Type);
                foreach (IParameterSymbol parameter in property.Parameters)
                {
                    Note(parameter.Type);
                }

                break;
            case IEventSymbol @event:
                Note(@event.Type);
                break;
            case IArrayTypeSymbol array:
                Note(array.ElementType);
                break;
            case IPointerTypeSymbol pointer:
                Note(pointer.PointedAtType);
                break;
            case INamedTypeSymbol type:
                foreach (ITypeSymbol argument in type.TypeArguments)
                {
                    Note(argument);
                }

                if (type.ContainingType is not null)
                {
                    Note(type.ContainingType);
                }

                // An assembly is read once, however many of its types the signatures name.
                if (type.ContainingAssembly is { } assembly && _seen.Add(assembly))
                {
                    NoteAttributes(assembly);
                    NoteAttributes(type.ContainingModule);
                }

                break;
        }
    }

    /// <summary>Attributes to write before a parameter, each followed by a space.</summary>
    public string ForParameter(IParameterSymbol parameter) => Nullability(parameter.GetAttributes(), string.Empty);

    /// <summary>Attribute lines for a member: <c>[return: …]</c> nullability and an error-level <c>[Obsolete]</c>.</summary>
    public EquatableArray<string> ForMember(ISymbol member)
    {
        var lines = new List<string>();
        string target = member is IMethodSymbol method ? Nullability(method.GetReturnTypeAttributes(), "return: ") : Nullability(member.GetAttributes(), string.Empty);
        if (target.Length > 0)
        {
            lines.Add(target.TrimEnd());
        }

        foreach (AttributeData attribute in member.GetAttributes())
        {
            if (SymbolNames.Is(attribute.AttributeClass, Obsolete)
                && attribute.ConstructorArguments.Length == 2
                && attribute.ConstructorArguments[1].Value is true)
            {
                // An error-level obsolete use cannot be suppressed; inside a member that is itself obsolete it is not reported.
                string message = attribute.ConstructorArguments[0].Value as string ?? string.Empty;
                lines.Add("[global::System.Obsolete(" + SymbolDisplay.FormatLiteral(message, quote: true) + ", true)]");
            }
        }

        return lines.ToEquatableArray();
    }

    private void NoteAttributes(ISymbol? symbol)
    {
        if (symbol is null)
        {
            return;
        }

        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (SymbolNames.Is(attribute.AttributeClass, Obsolete))
            {
                _suppressed.Add("CS0612");
                _suppressed.Add("CS0618");
            }
            else if (SymbolNames.Is(attribute.AttributeClass, Experimental) && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string id && IsIdentifier(id))
            {
                _suppressed.Add(id);
            }
        }
    }

    private string Nullability(IEnumerable<AttributeData> attributes, string targetPrefix)
    {
        var text = new System.Text.StringBuilder();
        foreach (AttributeData attribute in attributes)
        {
            if (attribute.AttributeClass is not INamedTypeSymbol type
                || !NullabilityAttributes.Contains(type.MetadataName)
                || !SymbolNames.Is(type.ContainingSymbol, CodeAnalysis)
                || !_compilation.IsSymbolAccessibleWithin(type, _compilation.Assembly)
                || !SymbolEqualityComparer.Default.Equals(_compilation.GetTypeByMetadataName(type.ToDisplayString()), type)
                || attribute.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Error))
            {
                continue;
            }

            text.Append('[').Append(targetPrefix).Append("global::").Append(type.ToDisplayString());
            if (attribute.ConstructorArguments.Length > 0)
            {
                text.Append('(').Append(string.Join(", ", attribute.ConstructorArguments.Select(Literal))).Append(')');
            }

            text.Append("] ");
        }

        return text.ToString();
    }

    private static string Literal(TypedConstant constant) => constant.Value switch
    {
        bool b => b ? "true" : "false",
        string s => SymbolDisplay.FormatLiteral(s, quote: true),
        _ => "default",
    };

    private static bool IsIdentifier(string id) => id.Length > 0 && id.All(c => char.IsLetterOrDigit(c) || c == '_');
}
