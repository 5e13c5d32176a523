using System.Collections.Generic;
using System.Collections.Immutable;
using FailoverGen.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FailoverGen.Analyzers;

/// <summary>
/// FG0013: the <c>[FailoverOn]</c> set of an interface or method leaves out one of the three ways a provider goes down:
/// a refused or dropped connection (Network), no answer in time (Timeout), a 5xx status (ServerError, or any 5xx code).
/// Such a set replaces the default policy, which covers all three, so those outages would be rethrown.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OutagePolicyAnalyzer : FailoverAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.OutageNotFailedOver);

    private protected override void Register(CompilationStartAnalysisContext context, FailoverSymbols symbols)
    {
        if (symbols.FailoverOn is { } failoverOn)
        {
            context.RegisterSyntaxNodeAction(node => Analyze(node, failoverOn), SyntaxKind.InterfaceDeclaration, SyntaxKind.MethodDeclaration);
        }
    }

    private static void Analyze(SyntaxNodeAnalysisContext context, INamedTypeSymbol failoverOn)
    {
        AttributeSyntax? first = null;
        var reasons = new HashSet<string>();
        bool serverStatus = false;
        foreach (AttributeSyntax attribute in FailoverOnAttributes.Of(context, failoverOn))
        {
            first ??= attribute;
            foreach (AttributeArgumentSyntax argument in attribute.ArgumentList?.Arguments ?? default)
            {
                Optional<object?> value = context.SemanticModel.GetConstantValue(argument.Expression, context.CancellationToken);
                if (!value.HasValue)
                {
                    continue;
                }

                if (context.SemanticModel.GetTypeInfo(argument.Expression, context.CancellationToken).ConvertedType is { TypeKind: TypeKind.Enum } reasonType)
                {
                    reasons.Add(ReasonNames.Of(reasonType, value.Value) ?? string.Empty);
                }
                else if (value.Value is int code && code is >= 500 and <= 599)
                {
                    serverStatus = true;
                }
            }
        }

        if (first is null || reasons.Contains("Unknown"))
        {
            // No set declared (the default policy applies), or every unrecognised error fails over anyway.
            return;
        }

        var missing = new List<string>();
        foreach (string outage in new[] { "Network", "Timeout", "ServerError" })
        {
            if (!reasons.Contains(outage) && !(outage == "ServerError" && serverStatus))
            {
                missing.Add("FailoverReason." + outage);
            }
        }

        if (missing.Count > 0)
        {
            string target = context.SemanticModel.GetDeclaredSymbol(context.Node, context.CancellationToken)?.Name ?? string.Empty;
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.OutageNotFailedOver, first.GetLocation(), target, string.Join(", ", missing)));
        }
    }
}
