using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FailoverGen.Analyzers;

/// <summary>FG1002: a catch in code a chain runs that throws a new exception without the caught one inside.</summary>
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
        if (CatchClauses.Find(context, symbols, clause) is not { } found)
        {
            return;
        }

        SemanticModel model = context.SemanticModel;
        foreach (BaseObjectCreationExpressionSyntax creation in ThrownExpressions(clause.Block).SelectMany(Created))
        {
            if (!PassesAnException(model, creation, symbols, context.CancellationToken))
            {
                ITypeSymbol? type = model.GetTypeInfo(creation, context.CancellationToken).Type;
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.StatusLost, creation.GetLocation(), type?.Name ?? "exception"));
            }
        }

        // A helper the catch hands the exception to (ShouldFallBack(ex)) and that throws a new one without it loses
        // the status just the same; the finding goes on the call, where the caught exception is still at hand.
        foreach (InvocationExpressionSyntax call in clause.Block.DescendantNodes(node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or CatchClauseSyntax)).OfType<InvocationExpressionSyntax>())
        {
            if (model.GetSymbolInfo(call, context.CancellationToken).Symbol is IMethodSymbol helper
                && symbols.Sources.IsInSource(helper)
                && call.ArgumentList.Arguments.Any(argument => model.GetSymbolInfo(argument.Expression, context.CancellationToken).Symbol is ILocalSymbol local && found.Exception.Contains(local, SymbolEqualityComparer.Default))
                && ThrowsWithoutCause(helper.OriginalDefinition, symbols, context.CancellationToken) is { } lost)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.StatusLost, call.GetLocation(), lost.Name));
            }
        }
    }

    /// <summary>
    /// The type of the first new exception <paramref name="helper"/> throws about the exception it was given (its
    /// message or switch names it: <c>_ => throw new InvalidOperationException($"Unsupported: {ex.GetType()}")</c>)
    /// without passing it on. Argument checks and throws about other things are the helper's own business.
    /// </summary>
    private static ITypeSymbol? ThrowsWithoutCause(IMethodSymbol helper, FailoverSymbols symbols, System.Threading.CancellationToken cancellationToken)
    {
        foreach (SyntaxReference reference in helper.DeclaringSyntaxReferences)
        {
            SyntaxNode body = reference.GetSyntax(cancellationToken);
            SemanticModel model = symbols.Sources.Model(body.SyntaxTree);
            var exceptionParameters = helper.Parameters.Where(p => symbols.Exception is not null && FailoverSymbols.InheritsFromOrEquals(p.Type, symbols.Exception)).Select(p => p.Name).ToImmutableHashSet();
            foreach (ExpressionSyntax thrown in ThrownExpressions(body))
            {
                SyntaxNode about = thrown.Ancestors().OfType<SwitchExpressionSyntax>().FirstOrDefault()?.GoverningExpression ?? (SyntaxNode)thrown;
                if (!about.DescendantNodesAndSelf().Concat(thrown.DescendantNodes()).OfType<IdentifierNameSyntax>().Any(name => exceptionParameters.Contains(name.Identifier.ValueText)))
                {
                    continue;
                }

                foreach (BaseObjectCreationExpressionSyntax creation in Created(thrown))
                {
                    if (!PassesAnException(model, creation, symbols, cancellationToken))
                    {
                        return model.GetTypeInfo(creation, cancellationToken).Type;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>Throws executed by the catch itself, not by lambdas or local functions declared in it.</summary>
    private static ImmutableArray<ExpressionSyntax> ThrownExpressions(SyntaxNode block) =>
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

    /// <summary>The new exceptions a throw can raise: <c>throw new X()</c>, or each arm of <c>throw e switch { … }</c> or <c>c ? new X() : new Y()</c>.</summary>
    private static IEnumerable<BaseObjectCreationExpressionSyntax> Created(ExpressionSyntax thrown) => thrown switch
    {
        BaseObjectCreationExpressionSyntax creation => new[] { creation },
        ParenthesizedExpressionSyntax parenthesized => Created(parenthesized.Expression),
        ConditionalExpressionSyntax conditional => Created(conditional.WhenTrue).Concat(Created(conditional.WhenFalse)),
        SwitchExpressionSyntax @switch => @switch.Arms.SelectMany(arm => Created(arm.Expression)),
        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce => Created(coalesce.Right),
        _ => Enumerable.Empty<BaseObjectCreationExpressionSyntax>(),
    };

    /// <summary>
    /// An exception is passed to the new one: the caught one, a pattern variable from the filter, or
    /// <c>ex.InnerException</c>. Mentioning it is not enough: <c>$"failed: {ex.Message}"</c> keeps the text but loses
    /// the status code and retry hint.
    /// </summary>
    private static bool PassesAnException(SemanticModel model, BaseObjectCreationExpressionSyntax creation, FailoverSymbols symbols, System.Threading.CancellationToken cancellationToken) =>
        symbols.Exception is not null
        && creation.ArgumentList is { } arguments
        && arguments.Arguments.Any(argument =>
            model.GetTypeInfo(argument.Expression, cancellationToken).Type is { } type
            && FailoverSymbols.InheritsFromOrEquals(type, symbols.Exception));
}
