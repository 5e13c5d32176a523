using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FailoverGen.Analyzers;

/// <summary>A catch clause that can receive a provider failure in code a chain runs.</summary>
internal sealed class FailureCatch
{
    public FailureCatch(ITypeSymbol caught, ExceptionFilters filters, IReadOnlyCollection<ILocalSymbol> exception)
    {
        Caught = caught;
        Filters = filters;
        Exception = exception;
    }

    /// <summary>The caught type (Exception for a bare <c>catch</c>).</summary>
    public ITypeSymbol Caught { get; }

    /// <summary>Reads conditions over the caught exception, for the guards inside the catch.</summary>
    public ExceptionFilters Filters { get; }

    /// <summary>The catch variable and the pattern variables its filter takes from it.</summary>
    public IReadOnlyCollection<ILocalSymbol> Exception { get; }
}

/// <summary>What the error-handling rules ask of a catch clause.</summary>
internal static class CatchClauses
{
    /// <summary>
    /// The catch when all of these hold, otherwise null: it is in code a chain runs (not a constructor or Dispose);
    /// it catches a type that can carry a provider failure; its filter lets such failures through; and its try makes
    /// a call that can reach a provider.
    /// </summary>
    public static FailureCatch? Find(SyntaxNodeAnalysisContext context, FailoverSymbols symbols, CatchClauseSyntax clause) =>
        symbols.Catches.GetOrAdd(clause, _ => new Found(Examine(context, symbols, clause))).Catch;

    /// <summary>The answer for one clause, shared by the three rules that ask (null is an answer too).</summary>
    internal sealed class Found
    {
        public Found(FailureCatch? found)
        {
            Catch = found;
        }

        public FailureCatch? Catch { get; }
    }

    private static FailureCatch? Examine(SyntaxNodeAnalysisContext context, FailoverSymbols symbols, CatchClauseSyntax clause)
    {
        if (clause.Block is null || clause.Block.IsMissing || clause.Parent is not TryStatementSyntax tryStatement
            || EnclosingMember(context.ContainingSymbol) is not { } member
            || IsCleanupOrConstruction(member)
            || !symbols.ChainReach.Runs(member, context.CancellationToken))
        {
            return null;
        }

        SemanticModel model = context.SemanticModel;
        AnalyzerConfigOptions options = context.Options.AnalyzerConfigOptionsProvider.GetOptions(clause.SyntaxTree);
        ITypeSymbol? caught = clause.Declaration is null ? symbols.Exception : model.GetTypeInfo(clause.Declaration.Type, context.CancellationToken).Type;
        if (caught is null || caught.TypeKind == TypeKind.Error || !symbols.Carriers.CanCarry(caught, options))
        {
            return null;
        }

        List<ILocalSymbol> exception = ExceptionVariables(model, clause, context.CancellationToken);
        var filters = new ExceptionFilters(symbols, options, caught, exception);
        if (clause.Filter is not null
            && model.GetOperation(clause.Filter.FilterExpression, context.CancellationToken) is { } filter
            && filters.Evaluate(filter) != FilterVerdict.Admits)
        {
            return null;
        }

        return symbols.ProviderCalls.Reaches(tryStatement.Block, model, context.CancellationToken) ? new FailureCatch(caught, filters, exception) : null;
    }

    /// <summary>
    /// The catch can be left without throwing a provider failure: its end is reachable (and is not a call that never
    /// returns, such as <c>ExceptionDispatchInfo.Throw</c>), or it returns, breaks or continues somewhere that is not
    /// guarded by a condition that rules such failures out (<c>if (!FailoverErrors.IsFailoverEligible(ex)) return …;</c>).
    /// </summary>
    public static bool CanLeaveWithoutThrowing(SemanticModel model, CatchClauseSyntax clause, FailureCatch found, out bool continuesLoop)
    {
        continuesLoop = false;
        ControlFlowAnalysis? flow = model.AnalyzeControlFlow(clause.Block);
        if (flow is null || !flow.Succeeded)
        {
            return false;
        }

        bool endReachable = flow.EndPointIsReachable && !EndsInCallThatNeverReturns(model, clause.Block);
        SyntaxNode[] exits = flow.ExitPoints.Where(exit => !IsGuarded(model, exit, clause.Block, found)).ToArray();
        continuesLoop = endReachable || exits.Any(exit => exit.IsKind(SyntaxKind.ContinueStatement));
        return endReachable || exits.Length > 0;
    }

    /// <summary>The span from <c>catch</c> to the end of its declaration: what the IDE underlines.</summary>
    public static Location HeaderLocation(CatchClauseSyntax clause) =>
        Location.Create(clause.SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(clause.CatchKeyword.SpanStart, (clause.Declaration?.Span ?? clause.CatchKeyword.Span).End));

    /// <summary>The method, accessor or constructor around the catch: lambdas and local functions belong to it.</summary>
    private static ISymbol? EnclosingMember(ISymbol? symbol)
    {
        for (ISymbol? current = symbol; current is not null; current = current.ContainingSymbol)
        {
            if (current is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
            {
                continue;
            }

            return current is IMethodSymbol or IPropertySymbol or IFieldSymbol or IEventSymbol ? current : null;
        }

        return null;
    }

    /// <summary>Dispose, constructors and finalizers clean up or set up; they are not provider calls.</summary>
    private static bool IsCleanupOrConstruction(ISymbol member) =>
        member is IMethodSymbol method
        && (method.MethodKind is MethodKind.Constructor or MethodKind.StaticConstructor or MethodKind.Destructor || method.Name is "Dispose" or "DisposeAsync");

    /// <summary>The catch variable and pattern variables declared in the filter (<c>when (e is HttpRequestException http)</c>).</summary>
    private static List<ILocalSymbol> ExceptionVariables(SemanticModel model, CatchClauseSyntax clause, System.Threading.CancellationToken cancellationToken)
    {
        var variables = new List<ILocalSymbol>();
        if (clause.Declaration is { Identifier.RawKind: not 0 } declaration && model.GetDeclaredSymbol(declaration, cancellationToken) is { } local)
        {
            variables.Add(local);
        }

        if (clause.Filter is not null)
        {
            variables.AddRange(ExceptionFilters.PatternVariables(clause.Filter.FilterExpression, model, cancellationToken));
        }

        return variables;
    }

    /// <summary>C# reachability ignores [DoesNotReturn]: <c>ExceptionDispatchInfo.Throw(…)</c> as the last statement throws.</summary>
    private static bool EndsInCallThatNeverReturns(SemanticModel model, BlockSyntax block) =>
        block.Statements.LastOrDefault() is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax call }
        && model.GetSymbolInfo(call).Symbol is IMethodSymbol method
        && method.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.Diagnostics.CodeAnalysis.DoesNotReturnAttribute");

    /// <summary>An exit inside <c>if (condition)</c> whose condition does not admit provider failures.</summary>
    private static bool IsGuarded(SemanticModel model, SyntaxNode exit, BlockSyntax block, FailureCatch found)
    {
        for (SyntaxNode? node = exit.Parent; node is not null && node != block; node = node.Parent)
        {
            if (node is IfStatementSyntax @if && @if.Statement.Span.Contains(exit.Span)
                && model.GetOperation(@if.Condition) is { } condition && found.Filters.Evaluate(condition) != FilterVerdict.Admits)
            {
                return true;
            }
        }

        return false;
    }
}
