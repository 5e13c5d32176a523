using System.Collections.Generic;
using System.Collections.Immutable;
using FailoverGen.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FailoverGen.Analyzers;

/// <summary>
/// FG0001 (not an HTTP status), FG0002 (a bad-request status), FG0003 (listed twice): the values of every
/// <c>[FailoverOn]</c> on one interface or method, checked together.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FailoverOnArgumentsAnalyzer : FailoverAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.InvalidStatusCode, Descriptors.NotFallbackSafeStatusCode, Descriptors.DuplicateFailoverOn);

    private protected override void Register(CompilationStartAnalysisContext context, FailoverSymbols symbols)
    {
        if (symbols.FailoverOn is { } failoverOn)
        {
            context.RegisterSyntaxNodeAction(node => Analyze(node, failoverOn), SyntaxKind.InterfaceDeclaration, SyntaxKind.MethodDeclaration);
        }
    }

    private static void Analyze(SyntaxNodeAnalysisContext context, INamedTypeSymbol failoverOn)
    {
        var seen = new HashSet<object>();
        string? target = null;
        foreach (AttributeSyntax attribute in FailoverOnAttributes.Of(context, failoverOn))
        {
            if (attribute.ArgumentList is null)
            {
                continue;
            }

            target ??= context.SemanticModel.GetDeclaredSymbol(context.Node, context.CancellationToken)?.Name ?? string.Empty;
            foreach (AttributeArgumentSyntax argument in attribute.ArgumentList.Arguments)
            {
                Check(context, argument, seen, target);
            }
        }
    }

    private static void Check(SyntaxNodeAnalysisContext context, AttributeArgumentSyntax argument, HashSet<object> seen, string target)
    {
        Optional<object?> value = context.SemanticModel.GetConstantValue(argument.Expression, context.CancellationToken);
        ITypeSymbol? type = context.SemanticModel.GetTypeInfo(argument.Expression, context.CancellationToken).ConvertedType;
        if (!value.HasValue || value.Value is null || type is null)
        {
            return;
        }

        bool isReason = type.TypeKind == TypeKind.Enum;
        if (!isReason && value.Value is int code)
        {
            if (!HttpStatuses.IsHttpStatus(code))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidStatusCode, argument.GetLocation(), code));
                return;
            }

            if (HttpStatuses.IsBadRequest(code))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.NotFallbackSafeStatusCode, argument.GetLocation(), code));
            }
        }

        // Reasons and status codes are kept apart: FailoverReason.RateLimit (1) is not status 1.
        object key = isReason ? (object)("reason:" + value.Value) : value.Value;
        if (!seen.Add(key))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.DuplicateFailoverOn, argument.GetLocation(), argument.Expression.ToString(), target));
        }
    }
}
