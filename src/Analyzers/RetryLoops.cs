using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FailoverGen.Analyzers;

/// <summary>What the loop around a catch does when the catch lets it go round again.</summary>
internal enum LoopKind
{
    /// <summary>No loop around the catch within the same function.</summary>
    None,

    /// <summary>It calls the same client with the same request again: a hand-written retry.</summary>
    Retry,

    /// <summary>It moves on to the next client or provider (a router's own loop): failover written by hand.</summary>
    NextClient,

    /// <summary>It moves on to the next item, tool call or message with the same client: each item's failure is its own.</summary>
    NextItem,
}

/// <summary>
/// Tells a retry loop from one that moves on. The provider calls in the try are looked at: a loop moves on when one
/// of their receivers, or arguments, depends on something the loop changes (an index, an enumerator, a dequeued
/// item, a client swapped in the catch); a collection-bound <c>for</c> or an item-consuming <c>while</c>
/// (<c>while (reader.Read())</c>, <c>while (queue.TryDequeue(out var item))</c>) moves on too.
/// </summary>
internal static class RetryLoops
{
    public static LoopKind Classify(SemanticModel model, CatchClauseSyntax clause, FailureCatch found, ProviderCalls providers, CancellationToken cancellationToken)
    {
        if (Enclosing(clause) is not { } loop || clause.Parent is not TryStatementSyntax tryStatement || StopsOnFailures(model, loop, clause, found, cancellationToken))
        {
            return LoopKind.None;
        }

        if (loop is CommonForEachStatementSyntax)
        {
            return MovesOn(model, loop, tryStatement, providers, cancellationToken) ?? LoopKind.NextItem;
        }

        if (ConsumesItems(loop))
        {
            return MovesOn(model, loop, tryStatement, providers, cancellationToken) ?? LoopKind.NextItem;
        }

        return MovesOn(model, loop, tryStatement, providers, cancellationToken) ?? LoopKind.Retry;
    }

    /// <summary>
    /// <c>do { try { … } catch (RequestFailedException e) { retry = e.Status == 404; } } while (retry);</c>: the catch
    /// sets the loop's condition, and only errors failover would not act on go round again; a failure leaves the loop.
    /// </summary>
    private static bool StopsOnFailures(SemanticModel model, StatementSyntax loop, CatchClauseSyntax clause, FailureCatch found, CancellationToken cancellationToken)
    {
        ExpressionSyntax? condition = Condition(loop);
        if (condition is null)
        {
            return false;
        }

        var tested = condition.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
            .Select(name => model.GetSymbolInfo(name, cancellationToken).Symbol)
            .Where(symbol => symbol is ILocalSymbol)
            .ToImmutableHashSet(SymbolEqualityComparer.Default);
        return clause.Block.DescendantNodes().OfType<AssignmentExpressionSyntax>().Any(assignment =>
            assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
            && model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol is { } target && tested.Contains(target)
            && model.GetOperation(assignment.Right, cancellationToken) is { } value
            && found.Filters.Evaluate(value) != FilterVerdict.Admits);
    }

    private static ExpressionSyntax? Condition(StatementSyntax loop) => loop switch
    {
        ForStatementSyntax @for => @for.Condition,
        WhileStatementSyntax @while => @while.Condition,
        DoStatementSyntax @do => @do.Condition,
        _ => null,
    };

    /// <summary>The nearest loop around the catch within the same function.</summary>
    private static StatementSyntax? Enclosing(CatchClauseSyntax clause)
    {
        for (SyntaxNode? node = clause.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax or CommonForEachStatementSyntax:
                    return (StatementSyntax)node;
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MemberDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }

    /// <summary><c>for (…; i &lt; items.Count; …)</c>, <c>while (e.MoveNext())</c>, <c>while ((line = r.ReadLine()) != null)</c>.</summary>
    private static bool ConsumesItems(StatementSyntax loop)
    {
        ExpressionSyntax? condition = Condition(loop);
        if (condition is null)
        {
            return false;
        }

        return condition.DescendantNodesAndSelf().Any(node =>
            node is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Count" or "Length" }
            || node is AssignmentExpressionSyntax
            || (node is InvocationExpressionSyntax call && TakesAnItem(call)));
    }

    private static string? Name(InvocationExpressionSyntax call) => call.Expression switch
    {
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        _ => null,
    };

    /// <summary>
    /// <see cref="LoopKind.NextClient"/> when a provider call's receiver depends on what the loop changes,
    /// <see cref="LoopKind.NextItem"/> when only its arguments do, null when neither does.
    /// </summary>
    private static LoopKind? MovesOn(SemanticModel model, StatementSyntax loop, TryStatementSyntax tryStatement, ProviderCalls providers, CancellationToken cancellationToken)
    {
        HashSet<ISymbol> changing = ChangingVariables(model, loop, tryStatement, cancellationToken);
        if (changing.Count == 0)
        {
            return null;
        }

        bool argumentsChange = false;
        foreach (InvocationExpressionSyntax call in tryStatement.Block.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (model.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol method || !providers.IsProviderCall(method, cancellationToken))
            {
                continue;
            }

            ExpressionSyntax? receiver = (call.Expression as MemberAccessExpressionSyntax)?.Expression;
            if (receiver is not null && (DependsOn(model, receiver, changing, cancellationToken) || IsChosenInTheLoop(model, receiver, loop, tryStatement, cancellationToken)))
            {
                return LoopKind.NextClient;
            }

            argumentsChange |= DependsOn(model, call.ArgumentList, changing, cancellationToken);
        }

        return argumentsChange ? LoopKind.NextItem : null;
    }

    /// <summary>
    /// Variables whose value differs from one round to the next: the loop's own (<c>for</c> declarations, the
    /// <c>foreach</c> variable), those it assigns or increments outside the try, and locals declared in the loop from
    /// them. A counter the catch bumps is among them, but only matters when a call uses it.
    /// </summary>
    private static HashSet<ISymbol> ChangingVariables(SemanticModel model, StatementSyntax loop, TryStatementSyntax tryStatement, CancellationToken cancellationToken)
    {
        var changing = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        if (loop is ForEachStatementSyntax forEach && model.GetDeclaredSymbol(forEach, cancellationToken) is { } item)
        {
            changing.Add(item);
        }

        if (loop is ForEachVariableStatementSyntax deconstruction)
        {
            foreach (SingleVariableDesignationSyntax designation in deconstruction.Variable.DescendantNodes().OfType<SingleVariableDesignationSyntax>())
            {
                if (model.GetDeclaredSymbol(designation, cancellationToken) is { } part)
                {
                    changing.Add(part);
                }
            }
        }

        foreach (SyntaxNode node in loop.DescendantNodes())
        {
            ExpressionSyntax? target = node switch
            {
                AssignmentExpressionSyntax assignment when !tryStatement.Block.Span.Contains(assignment.Span) => assignment.Left,
                PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression or (int)SyntaxKind.PostDecrementExpression } postfix => postfix.Operand,
                PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression } prefix => prefix.Operand,
                ArgumentSyntax { RefKindKeyword.RawKind: (int)SyntaxKind.OutKeyword } argument => argument.Expression,
                _ => null,
            };
            if (target is DeclarationExpressionSyntax { Designation: SingleVariableDesignationSyntax declared })
            {
                if (model.GetDeclaredSymbol(declared, cancellationToken) is { } outVariable)
                {
                    changing.Add(outVariable);
                }
            }
            else if (target is not null && model.GetSymbolInfo(target, cancellationToken).Symbol is { } symbol)
            {
                changing.Add(symbol);
            }
        }

        if (loop is ForStatementSyntax { Declaration: { } forDeclaration })
        {
            foreach (VariableDeclaratorSyntax variable in forDeclaration.Variables)
            {
                if (model.GetDeclaredSymbol(variable, cancellationToken) is { } counter)
                {
                    changing.Add(counter);
                }
            }
        }

        // Locals declared in the loop take their value from what changes: var client = clients[i]; var item = await reader.ReadAsync();
        foreach (VariableDeclaratorSyntax local in loop.DescendantNodes().OfType<VariableDeclaratorSyntax>())
        {
            if (local.Initializer is { } initializer
                && (DependsOn(model, initializer.Value, changing, cancellationToken) || TakesAnItem(initializer.Value))
                && model.GetDeclaredSymbol(local, cancellationToken) is { } derived)
            {
                changing.Add(derived);
            }
        }

        return changing;
    }

    /// <summary>Calls that take the next item: <c>reader.ReadAsync()</c>, <c>queue.TryDequeue(out …)</c>, <c>e.MoveNext()</c>.</summary>
    private static readonly string[] ItemPrefixes =
    {
        "Read", "TryRead", "WaitToRead", "Dequeue", "TryDequeue", "Receive", "TryReceive", "Take", "TryTake", "Next", "MoveNext",
        "Pop", "TryPop", "WaitForNextTick",
    };

    private static bool TakesAnItem(InvocationExpressionSyntax call) =>
        Name(call) is { } name && ItemPrefixes.Any(prefix => name.StartsWith(prefix, System.StringComparison.Ordinal));

    private static bool TakesAnItem(ExpressionSyntax value) =>
        value.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().Any(TakesAnItem);

    /// <summary>
    /// <c>var client = await SelectClientAsync(…)</c> or <c>var client = clients[next]</c> in the loop: each round
    /// may pick another client, as a router does. A response read inside the try (<c>response.Content</c>) is not one.
    /// </summary>
    private static bool IsChosenInTheLoop(SemanticModel model, ExpressionSyntax receiver, StatementSyntax loop, TryStatementSyntax tryStatement, CancellationToken cancellationToken) =>
        receiver.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(name =>
            model.GetSymbolInfo(name, cancellationToken).Symbol is ILocalSymbol local
            && local.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<VariableDeclaratorSyntax>().Any(declarator =>
                loop.Span.Contains(declarator.Span) && !tryStatement.Block.Span.Contains(declarator.Span)
                && declarator.Initializer?.Value.DescendantNodesAndSelf().Any(n => n is InvocationExpressionSyntax or ElementAccessExpressionSyntax) == true));

    private static bool DependsOn(SemanticModel model, SyntaxNode node, HashSet<ISymbol> changing, CancellationToken cancellationToken) =>
        node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
            .Any(name => model.GetSymbolInfo(name, cancellationToken).Symbol is { } symbol && changing.Contains(symbol));
}
