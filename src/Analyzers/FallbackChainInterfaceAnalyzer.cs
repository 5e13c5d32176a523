using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using FailoverGen.Shared;

namespace FailoverGen.Analyzers;

/// <summary>
/// FG0004 (no members), FG0005 (members that can only go to the primary), FG0007 (unusable classifier type),
/// FG0008 (invalid class name), FG0009/FG0010/FG0012 (no wrapper can be generated): what the generator would silently do
/// differently for a <c>[FallbackChain]</c> interface.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FallbackChainInterfaceAnalyzer : FailoverAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.EmptyFallbackChain, Descriptors.PrimaryOnlyMember, Descriptors.InvalidClassifierType, Descriptors.InvalidClassName,
        Descriptors.StaticAbstractMembers, Descriptors.UnreachableInterface, Descriptors.PointerMembersNeedUnsafe);

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

        if (WrappabilityProblem(type, context.Compilation) is Diagnostic unwrappable)
        {
            context.ReportDiagnostic(unwrappable);
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
            if (WrapRules.WhyPrimaryOnly(member) is string reason && !WrapRules.IsServiceLookup(member))
            {
                // Members inherited from metadata have no source location: the interface carries the report then.
                Location location = member.Locations.FirstOrDefault(l => l.IsInSource) ?? type.Locations.FirstOrDefault() ?? Location.None;
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.PrimaryOnlyMember, location, member.Name, reason));
            }
        }
    }

    /// <summary>
    /// Why no wrapper can be generated for <paramref name="type"/> at all, as a diagnostic at <paramref name="location"/>
    /// (the interface when null); null when one can. Shared with the <c>FallbackChainFor</c> analyzer.
    /// </summary>
    internal static Diagnostic? WrappabilityProblem(INamedTypeSymbol type, Compilation compilation, Location? location = null)
    {
        location ??= type.Locations.FirstOrDefault() ?? Location.None;
        if (WrapRules.HasStaticAbstractMembers(type))
        {
            return Diagnostic.Create(Descriptors.StaticAbstractMembers, location, type.Name);
        }

        if (!WrapRules.IsReachableFromGeneratedCode(type) || !compilation.IsSymbolAccessibleWithin(type, compilation.Assembly))
        {
            string why = type.IsFileLocal ? "file-local" : "not accessible from a class at namespace level (private or protected)";
            return Diagnostic.Create(Descriptors.UnreachableInterface, location, type.Name, why);
        }

        return WrapRules.UsesPointers(type) && compilation.Options is CSharpCompilationOptions { AllowUnsafe: false }
            ? Diagnostic.Create(Descriptors.PointerMembersNeedUnsafe, location, type.Name)
            : null;
    }

    private static string? WhyNotAClassifier(INamedTypeSymbol type, FailoverSymbols symbols, Compilation compilation)
    {
        if (type.IsUnboundGenericType)
        {
            return "it is an open generic type; name its type arguments, e.g. typeof(MyClassifier<int>)";
        }

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
