using System.Collections.Immutable;
using System.Linq;
using FailoverGen.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FailoverGen.Analyzers;

/// <summary>
/// FG0011 (an open generic type) and FG0009/FG0010/FG0012 (an interface no wrapper can implement) for
/// <c>[assembly: FallbackChainFor(typeof(…))]</c>: every interface the generator leaves out gets a reason.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FallbackChainForAnalyzer : FailoverAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.OpenGenericChainFor, Descriptors.StaticAbstractMembers, Descriptors.UnreachableInterface, Descriptors.PointerMembersNeedUnsafe);

    private protected override void Register(CompilationStartAnalysisContext context, FailoverSymbols symbols)
    {
        if (context.Compilation.GetTypeByMetadataName(KnownNames.FallbackChainForAttribute) is INamedTypeSymbol chainFor)
        {
            context.RegisterSyntaxNodeAction(node => Analyze(node, chainFor), SyntaxKind.Attribute);
        }
    }

    private static void Analyze(SyntaxNodeAnalysisContext context, INamedTypeSymbol chainFor)
    {
        var attribute = (AttributeSyntax)context.Node;
        if (attribute.Parent is not AttributeListSyntax { Target.Identifier.ValueText: "assembly" }
            || attribute.ArgumentList?.Arguments.FirstOrDefault()?.Expression is not TypeOfExpressionSyntax typeOf
            || context.SemanticModel.GetSymbolInfo(attribute, context.CancellationToken).Symbol?.ContainingType is not { } attributeType
            || !SymbolEqualityComparer.Default.Equals(attributeType, chainFor)
            || context.SemanticModel.GetTypeInfo(typeOf.Type, context.CancellationToken).Type is not INamedTypeSymbol { TypeKind: TypeKind.Interface } type)
        {
            return;
        }

        Location location = attribute.GetLocation();
        if (type.IsUnboundGenericType || type.TypeArguments.Any(t => t is ITypeParameterSymbol))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.OpenGenericChainFor, location, typeOf.Type.ToString()));
        }
        else if (FallbackChainInterfaceAnalyzer.WrappabilityProblem(type, context.Compilation, location) is Diagnostic problem)
        {
            context.ReportDiagnostic(problem);
        }
    }
}
