using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace FailoverGen.Analyzers;

/// <summary>What the error-handling rules ask of a catch clause.</summary>
internal static class CatchClauses
{
    /// <summary>Bad-request statuses: a filter that only catches these lets every fallback-eligible failure through.</summary>
    private static readonly int[] NotFallbackSafe = { 400, 405, 409, 411, 413, 415, 422 };

    /// <summary>
    /// The caught type when the clause is in a chain implementation and can receive a fallback-eligible failure that
    /// its filter does not exclude; otherwise null.
    /// </summary>
    public static ITypeSymbol? FailureCatch(SyntaxNodeAnalysisContext context, FailoverSymbols symbols, CatchClauseSyntax clause)
    {
        if (clause.Block is null || clause.Block.IsMissing || !IsInChainImplementation(context.ContainingSymbol, symbols))
        {
            return null;
        }

        ITypeSymbol? caught = clause.Declaration is null
            ? symbols.Exception
            : context.SemanticModel.GetTypeInfo(clause.Declaration.Type, context.CancellationToken).Type;
        if (caught is null || caught.TypeKind == TypeKind.Error || !symbols.CanCarryFailure(caught))
        {
            return null;
        }

        return clause.Filter is not null && FilterExcludesFailures(context.SemanticModel, clause.Filter, caught, symbols, context.CancellationToken)
            ? null
            : caught;
    }

    /// <summary>The catch block can be left without throwing: its end is reachable, or it returns, breaks or continues.</summary>
    public static bool CanLeaveWithoutThrowing(SemanticModel model, BlockSyntax block, out bool continuesLoop)
    {
        continuesLoop = false;
        ControlFlowAnalysis? flow = model.AnalyzeControlFlow(block);
        if (flow is null || !flow.Succeeded)
        {
            return false;
        }

        continuesLoop = flow.EndPointIsReachable || flow.ExitPoints.Any(exit => exit.IsKind(SyntaxKind.ContinueStatement));
        return flow.EndPointIsReachable || !flow.ExitPoints.IsEmpty;
    }

    /// <summary>The span from <c>catch</c> to the end of its declaration: what the IDE underlines.</summary>
    public static Location HeaderLocation(CatchClauseSyntax clause) =>
        Location.Create(clause.SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(clause.CatchKeyword.SpanStart, (clause.Declaration?.Span ?? clause.CatchKeyword.Span).End));

    private static bool IsInChainImplementation(ISymbol? symbol, FailoverSymbols symbols)
    {
        for (ISymbol? current = symbol; current is not null; current = current.ContainingSymbol)
        {
            if (current is INamedTypeSymbol type)
            {
                return symbols.IsChainImplementation(type);
            }
        }

        return false;
    }

    private static bool FilterExcludesFailures(SemanticModel model, CatchFilterClauseSyntax filter, ITypeSymbol caught, FailoverSymbols symbols, CancellationToken cancellationToken)
    {
        IOperation? operation = model.GetOperation(filter.FilterExpression, cancellationToken);
        if (operation is null)
        {
            return false;
        }

        // catch (OperationCanceledException) when (token.IsCancellationRequested): the caller's own cancellation.
        if (symbols.OperationCanceled is not null && FailoverSymbols.InheritsFromOrEquals(caught, symbols.OperationCanceled)
            && operation.DescendantsAndSelf().OfType<IPropertyReferenceOperation>().Any(p => p.Property.Name == "IsCancellationRequested"))
        {
            return true;
        }

        return IsNegatedEligibilityCheck(operation, symbols) || ComparesStatusWithBadRequest(operation);
    }

    /// <summary><c>!FailoverErrors.IsFallbackEligible(ex)</c> or <c>FailoverErrors.IsFallbackEligible(ex) == false</c>.</summary>
    private static bool IsNegatedEligibilityCheck(IOperation operation, FailoverSymbols symbols)
    {
        IOperation? checkedOperand = operation switch
        {
            IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not => not.Operand,
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals, RightOperand.ConstantValue: { HasValue: true, Value: false } } equals => equals.LeftOperand,
            IIsPatternOperation { Pattern: IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: false } } } pattern => pattern.Value,
            _ => null,
        };
        return checkedOperand is IInvocationOperation invocation
            && invocation.TargetMethod.Name == "IsFallbackEligible"
            && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, symbols.FailoverErrors);
    }

    /// <summary><c>ex.StatusCode == HttpStatusCode.BadRequest</c>, <c>ex.Status == 422</c> and the like.</summary>
    private static bool ComparesStatusWithBadRequest(IOperation operation) =>
        operation is IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals
        && IsStatusProperty(equals.LeftOperand)
        && StatusValue(equals.RightOperand) is int status
        && System.Array.IndexOf(NotFallbackSafe, status) >= 0;

    private static bool IsStatusProperty(IOperation operation) =>
        Unwrap(operation) is IPropertyReferenceOperation { Property.Name: "StatusCode" or "Status" };

    private static int? StatusValue(IOperation operation) =>
        Unwrap(operation).ConstantValue is { HasValue: true, Value: var value } ? value switch
        {
            int number => number,
            _ when value is not null && value.GetType().IsEnum => System.Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture),
            _ => null,
        } : null;

    private static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }
}
