using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FailoverGen.Analyzers;

/// <summary>FG0001: a <c>[FailoverOn]</c> argument of type int outside 100-599.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FailoverOnStatusCodeAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.InvalidStatusCode);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            INamedTypeSymbol? failoverOn = start.Compilation.GetTypeByMetadataName("FailoverGen.FailoverOnAttribute");
            if (failoverOn is not null)
            {
                start.RegisterSyntaxNodeAction(node => Analyze(node, failoverOn), SyntaxKind.Attribute);
            }
        });
    }

    private static void Analyze(SyntaxNodeAnalysisContext context, INamedTypeSymbol failoverOn)
    {
        var attribute = (AttributeSyntax)context.Node;
        if (attribute.ArgumentList is null
            || context.SemanticModel.GetSymbolInfo(attribute, context.CancellationToken).Symbol is not IMethodSymbol constructor
            || !SymbolEqualityComparer.Default.Equals(constructor.ContainingType, failoverOn))
        {
            return;
        }

        foreach (AttributeArgumentSyntax argument in attribute.ArgumentList.Arguments)
        {
            Optional<object?> value = context.SemanticModel.GetConstantValue(argument.Expression, context.CancellationToken);
            if (value.HasValue && value.Value is int code && code is < 100 or > 599
                && context.SemanticModel.GetTypeInfo(argument.Expression, context.CancellationToken).ConvertedType?.SpecialType == SpecialType.System_Int32)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidStatusCode, argument.GetLocation(), code));
            }
        }
    }
}
