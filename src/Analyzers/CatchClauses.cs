using System.Linq;
using System.Threading;
using FailoverGen.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace FailoverGen.Analyzers;

/// <summary>What the error-handling rules ask of a catch clause.</summary>
internal static class CatchClauses
{
    /// <summary>
    /// The caught type when the clause is in a chain implementation and can receive a fallback-eligible failure that
    /// its filter does not exclude; otherwise null.
    /// </summary>
    public static ITypeSymbol? FailureCatch(SyntaxNodeAnalysisContext context, FailoverSymbols symbols, CatchClauseSyntax clause)
    {
        if (clause.Block is null || clause.Block.IsMissing || !IsInChainImplementation(context.ContainingSymbol, symbols) || IsCleanupOrConstruction(context.ContainingSymbol))
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

        if (clause.Filter is null)
        {
            return caught;
        }

        IOperation? filter = context.SemanticModel.GetOperation(clause.Filter.FilterExpression, context.CancellationToken);
        return filter is not null && (ExcludesFailures(filter, symbols) || OnlyCatchesOtherTypes(filter, symbols)) ? null : caught;
    }

    /// <summary>
    /// The catch can be left without throwing a fallback-eligible error: its end is reachable (and is not a call that
    /// never returns, such as <c>ExceptionDispatchInfo.Throw</c>), or it returns, breaks or continues somewhere that
    /// is not guarded by a check excluding such errors (<c>if (!FailoverErrors.IsFallbackEligible(ex)) return …;</c>).
    /// </summary>
    public static bool CanLeaveWithoutThrowing(SemanticModel model, BlockSyntax block, FailoverSymbols symbols, out bool continuesLoop)
    {
        continuesLoop = false;
        ControlFlowAnalysis? flow = model.AnalyzeControlFlow(block);
        if (flow is null || !flow.Succeeded)
        {
            return false;
        }

        bool endReachable = flow.EndPointIsReachable && !EndsInCallThatNeverReturns(model, block);
        SyntaxNode[] exits = flow.ExitPoints.Where(exit => !IsGuardedByExclusion(model, exit, block, symbols)).ToArray();
        continuesLoop = endReachable || exits.Any(exit => exit.IsKind(SyntaxKind.ContinueStatement));
        return endReachable || exits.Length > 0;
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

    /// <summary>Dispose, constructors and finalizers clean up or set up; they are not provider calls.</summary>
    private static bool IsCleanupOrConstruction(ISymbol? symbol)
    {
        for (ISymbol? current = symbol; current is not null; current = current.ContainingSymbol)
        {
            if (current is IMethodSymbol { MethodKind: not (MethodKind.AnonymousFunction or MethodKind.LocalFunction) } method)
            {
                return method.MethodKind is MethodKind.Constructor or MethodKind.StaticConstructor or MethodKind.Destructor
                    || method.Name is "Dispose" or "DisposeAsync";
            }
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="condition"/> only holds for errors failover would not act on: the caller's own
    /// cancellation, <c>!FailoverErrors.IsFallbackEligible(ex)</c>, or a bad-request status; combined with && (either
    /// side excludes) or || (both sides exclude).
    /// </summary>
    private static bool ExcludesFailures(IOperation condition, FailoverSymbols symbols) => Unwrap(condition) switch
    {
        IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both => ExcludesFailures(both.LeftOperand, symbols) || ExcludesFailures(both.RightOperand, symbols),
        IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } either => ExcludesFailures(either.LeftOperand, symbols) && ExcludesFailures(either.RightOperand, symbols),
        IPropertyReferenceOperation { Property.Name: "IsCancellationRequested", Instance: IParameterReferenceOperation } => true,
        var operation => IsNegatedEligibilityCheck(operation, symbols) || ComparesStatusWithBadRequest(operation),
    };

    /// <summary><c>when (ex is JsonException or FormatException)</c>: the filter narrows the catch to unrelated types.</summary>
    private static bool OnlyCatchesOtherTypes(IOperation filter, FailoverSymbols symbols) =>
        Unwrap(filter) is IIsPatternOperation pattern && PatternTypes(pattern.Pattern) is { } types && types.All(t => !symbols.CanCarryFailure(t));

    private static ITypeSymbol[]? PatternTypes(IPatternOperation pattern) => pattern switch
    {
        ITypePatternOperation type => new[] { type.MatchedType },
        IDeclarationPatternOperation { MatchedType: { } matched } => new[] { matched },
        IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } either when PatternTypes(either.LeftPattern) is { } left && PatternTypes(either.RightPattern) is { } right => left.Concat(right).ToArray(),
        _ => null,
    };

    /// <summary><c>!FailoverErrors.IsFallbackEligible(ex)</c>, <c>… == false</c> or <c>… is false</c>.</summary>
    private static bool IsNegatedEligibilityCheck(IOperation operation, FailoverSymbols symbols)
    {
        IOperation? checkedOperand = operation switch
        {
            IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not => not.Operand,
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals, RightOperand.ConstantValue: { HasValue: true, Value: false } } equals => equals.LeftOperand,
            IIsPatternOperation { Pattern: IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: false } } } pattern => pattern.Value,
            _ => null,
        };
        return checkedOperand is not null
            && Unwrap(checkedOperand) is IInvocationOperation invocation
            && invocation.TargetMethod.Name == "IsFallbackEligible"
            && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, symbols.FailoverErrors);
    }

    /// <summary><c>ex.StatusCode == HttpStatusCode.BadRequest</c>, <c>422 == ex.Status</c>, <c>ex.StatusCode is 400</c>.</summary>
    private static bool ComparesStatusWithBadRequest(IOperation operation) => operation switch
    {
        IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals =>
            (IsStatusProperty(equals.LeftOperand) && IsBadRequest(equals.RightOperand))
            || (IsStatusProperty(equals.RightOperand) && IsBadRequest(equals.LeftOperand)),
        IIsPatternOperation pattern => IsStatusProperty(pattern.Value) && AllBadRequest(pattern.Pattern),
        _ => false,
    };

    private static bool AllBadRequest(IPatternOperation pattern) => pattern switch
    {
        IConstantPatternOperation constant => IsBadRequest(constant.Value),
        IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } either => AllBadRequest(either.LeftPattern) && AllBadRequest(either.RightPattern),
        _ => false,
    };

    private static bool IsBadRequest(IOperation operation) =>
        StatusValue(operation) is int status && HttpStatuses.IsBadRequest(status);

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
        while (operation is IConversionOperation or IParenthesizedOperation)
        {
            operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
        }

        return operation;
    }

    /// <summary>C# reachability ignores [DoesNotReturn]: <c>ExceptionDispatchInfo.Throw(…)</c> as the last statement throws.</summary>
    private static bool EndsInCallThatNeverReturns(SemanticModel model, BlockSyntax block) =>
        block.Statements.LastOrDefault() is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax call }
        && model.GetSymbolInfo(call).Symbol is IMethodSymbol method
        && method.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.Diagnostics.CodeAnalysis.DoesNotReturnAttribute");

    /// <summary>An exit inside <c>if (condition)</c> whose condition only admits errors failover would not act on.</summary>
    private static bool IsGuardedByExclusion(SemanticModel model, SyntaxNode exit, BlockSyntax block, FailoverSymbols symbols)
    {
        for (SyntaxNode? node = exit.Parent; node is not null && node != block; node = node.Parent)
        {
            if (node is IfStatementSyntax @if && @if.Statement.Span.Contains(exit.Span)
                && model.GetOperation(@if.Condition) is { } condition && ExcludesFailures(condition, symbols))
            {
                return true;
            }
        }

        return false;
    }
}
