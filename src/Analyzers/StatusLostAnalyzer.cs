using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FailoverGen.Analyzers;

/// <summary>FG1002: a catch in a chain implementation that throws a new exception without the caught one inside.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class StatusLostAnalyzer : FailoverAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.StatusLost);

    private protected override void Register(CompilationStartAnalysisContext context, FailoverSymbols symbols) =>
        context.RegisterSyntaxNodeAction(node => Analyze(node, symbols), SyntaxKind.CatchClause);

    private static void Analyze(SyntaxNodeAnalysisContext context, FailoverSymbols symbols)
    {
        var clause = (CatchClauseSyntax)context.Node;
        if (CatchClauses.FailureCatch(context, symbols, clause) is null)
        {
            return;
        }

        foreach (ExpressionSyntax thrown in ThrownExpressions(clause.Block))
        {
            if (thrown is BaseObjectCreationExpressionSyntax creation && !PassesAnException(context.SemanticModel, creation, symbols, context))
            {
                ITypeSymbol? type = context.SemanticModel.GetTypeInfo(creation, context.CancellationToken).Type;
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.StatusLost, creation.GetLocation(), type?.Name ?? "exception"));
            }
        }
    }

    /// <summary>Throws executed by the catch itself, not by lambdas or local functions declared in it.</summary>
    private static ImmutableArray<ExpressionSyntax> ThrownExpressions(BlockSyntax block) =>
        block.DescendantNodes(node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or CatchClauseSyntax))
            .Select(node => node switch
            {
                ThrowStatementSyntax statement => statement.Expression,
                ThrowExpressionSyntax expression => expression.Expression,
                _ => null,
            })
            .Where(expression => expression is not null)
            .Select(expression => expression!)
            .ToImmutableArray();

    /// <summary>
    /// An exception is passed to the new one: the caught one, a pattern variable from the filter, or
    /// <c>ex.InnerException</c>. Mentioning it is not enough: <c>$"failed: {ex.Message}"</c> keeps the text but loses
    /// the status code and retry hint.
    /// </summary>
    private static bool PassesAnException(SemanticModel model, BaseObjectCreationExpressionSyntax creation, FailoverSymbols symbols, SyntaxNodeAnalysisContext context) =>
        symbols.Exception is not null
        && creation.ArgumentList is { } arguments
        && arguments.Arguments.Any(argument =>
            model.GetTypeInfo(argument.Expression, context.CancellationToken).Type is { } type
            && FailoverSymbols.InheritsFromOrEquals(type, symbols.Exception));
}
