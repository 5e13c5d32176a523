using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FailoverGen.Generator;

/// <summary>Names: the wrapper class name, identifiers, metadata names and hint names.</summary>
internal static partial class Parser
{
    private static string ClassNameOf(INamedTypeSymbol symbol, ImmutableArray<AttributeData> attributes)
    {
        foreach (AttributeData attribute in attributes)
        {
            if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string name && IsPlainIdentifier(name))
            {
                return name;
            }
        }

        return DefaultClassName(symbol);
    }

    private static string DefaultClassName(INamedTypeSymbol symbol)
    {
        string baseName = symbol.Name.Length > 1 && symbol.Name[0] == 'I' && char.IsUpper(symbol.Name[1]) ? symbol.Name.Substring(1) : symbol.Name;
        for (INamedTypeSymbol? container = symbol.ContainingType; container is not null; container = container.ContainingType)
        {
            // Nested interfaces get their containers' names so two nested IClient interfaces do not collide.
            baseName = container.Name + baseName;
        }

        return baseName + "Failover";
    }

    internal static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    private static string FullMetadataName(ITypeSymbol type)
    {
        string name = type.MetadataName;
        for (INamedTypeSymbol? container = type.ContainingType; container is not null; container = container.ContainingType)
        {
            name = container.MetadataName + "+" + name;
        }

        return type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + name : name;
    }

    /// <summary>
    /// A file-name-safe hint that stays unique: '_' is doubled before other characters become '_', so
    /// <c>N.Outer+IFoo</c> and <c>N.Outer_IFoo</c> do not meet (a duplicate hint name would fail the generator).
    /// </summary>
    private static string SanitizeHintName(string name) =>
        string.Concat(name.Select(c => c == '_' ? "__" : char.IsLetterOrDigit(c) || c == '.' ? c.ToString() : "_"));

    /// <summary>A valid C# identifier that is not a keyword (those would need an @ in a type name).</summary>
    private static bool IsPlainIdentifier(string name) =>
        SyntaxFacts.IsValidIdentifier(name) && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None && SyntaxFacts.GetContextualKeywordKind(name) is SyntaxKind.None;
}
