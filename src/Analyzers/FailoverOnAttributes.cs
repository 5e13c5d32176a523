using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FailoverGen.Analyzers;

/// <summary>The <c>[FailoverOn]</c> attributes written on one interface or method, which together form its policy.</summary>
internal static class FailoverOnAttributes
{
    public static IEnumerable<AttributeSyntax> Of(SyntaxNodeAnalysisContext context, INamedTypeSymbol failoverOn)
    {
        if (context.Node is not MemberDeclarationSyntax member)
        {
            yield break;
        }

        foreach (AttributeListSyntax list in member.AttributeLists)
        {
            foreach (AttributeSyntax attribute in list.Attributes)
            {
                if (context.SemanticModel.GetSymbolInfo(attribute, context.CancellationToken).Symbol is IMethodSymbol constructor
                    && SymbolEqualityComparer.Default.Equals(constructor.ContainingType, failoverOn))
                {
                    yield return attribute;
                }
            }
        }
    }
}
