using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FailoverGen.Analyzers;

/// <summary>
/// FG0004 (no members), FG0005 (members that can only go to the primary), FG0007 (unusable classifier type),
/// FG0008 (invalid class name): what the generator would silently do differently for a <c>[FallbackChain]</c> interface.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FallbackChainInterfaceAnalyzer : FailoverAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.EmptyFallbackChain, Descriptors.PrimaryOnlyMember, Descriptors.InvalidClassifierType, Descriptors.InvalidClassName);

    private protected override void Register(CompilationStartAnalysisContext context, FailoverSymbols symbols) =>
        context.RegisterSymbolAction(symbol => Analyze(symbol, symbols), SymbolKind.NamedType);

    private static void Analyze(SymbolAnalysisContext context, FailoverSymbols symbols)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        AttributeData? chain = type.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, symbols.FallbackChain));
        if (type.TypeKind != TypeKind.Interface || chain is null)
        {
            return;
        }

        if (chain.ConstructorArguments.Length == 1 && chain.ConstructorArguments[0].Value is string name
            && (!SyntaxFacts.IsValidIdentifier(name) || SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidClassName, LocationOf(chain, type), name));
        }

        foreach (AttributeData attribute in type.GetAttributes().Where(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, symbols.FailoverClassifier)))
        {
            if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is INamedTypeSymbol classifier
                && WhyNotAClassifier(classifier, symbols, context.Compilation) is string problem)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidClassifierType, LocationOf(attribute, type), classifier.ToDisplayString(), problem));
            }
        }

        ISymbol[] members = new[] { type }.Concat(type.AllInterfaces).SelectMany(i => i.GetMembers())
            .Where(m => m.IsAbstract && !m.IsStatic && m is not IMethodSymbol { MethodKind: not MethodKind.Ordinary })
            .ToArray();
        if (members.Length == 0)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.EmptyFallbackChain, type.Locations.FirstOrDefault(), type.Name));
            return;
        }

        foreach (ISymbol member in members)
        {
            if (WhyPrimaryOnly(member) is string reason)
            {
                // Members inherited from metadata have no source location: the interface carries the report then.
                Location location = member.Locations.FirstOrDefault(l => l.IsInSource) ?? type.Locations.FirstOrDefault() ?? Location.None;
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.PrimaryOnlyMember, location, member.Name, reason));
            }
        }
    }

    private static string? WhyPrimaryOnly(ISymbol member) => member switch
    {
        IPropertySymbol { IsIndexer: true } => "an indexer",
        IPropertySymbol { RefKind: not RefKind.None } => "it returns by reference",
        IMethodSymbol { RefKind: not RefKind.None } => "it returns by reference",
        IMethodSymbol method when method.Parameters.Any(p => p.RefKind is RefKind.Ref or RefKind.Out) => "it has ref or out parameters",
        IMethodSymbol method when method.Parameters.Any(p => p.Type.IsRefLikeType || p.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer) =>
            "it has a ref struct or pointer parameter",
        _ => null,
    };

    private static string? WhyNotAClassifier(INamedTypeSymbol type, FailoverSymbols symbols, Compilation compilation)
    {
        if (type.TypeKind != TypeKind.Class || type.IsAbstract)
        {
            return "it is not a concrete class";
        }

        if (symbols.ClassifierContract is null || !type.AllInterfaces.Contains(symbols.ClassifierContract, SymbolEqualityComparer.Default))
        {
            return "it does not implement FailoverGen.IFailoverClassifier";
        }

        return type.InstanceConstructors.Any(c => c.Parameters.IsEmpty && compilation.IsSymbolAccessibleWithin(c, compilation.Assembly))
            ? null
            : "it has no accessible parameterless constructor";
    }

    private static Location LocationOf(AttributeData attribute, ISymbol fallback) =>
        attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? fallback.Locations.FirstOrDefault() ?? Location.None;
}
