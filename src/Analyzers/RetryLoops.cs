using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FailoverGen.Analyzers;

/// <summary>Finds the loop a catch clause retries in.</summary>
internal static class RetryLoops
{
    /// <summary>
    /// The nearest <c>for</c>, <c>while</c> or <c>do</c> loop around the catch within the same function. A
    /// <c>foreach</c> moves on to other items (often other providers), so it is not a retry of the same call.
    /// </summary>
    public static StatementSyntax? EnclosingRetryLoop(CatchClauseSyntax clause)
    {
        for (SyntaxNode? node = clause.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax:
                    return (StatementSyntax)node;
                case CommonForEachStatementSyntax:
                case AnonymousFunctionExpressionSyntax:
                case LocalFunctionStatementSyntax:
                case MemberDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }

    /// <summary>
    /// The protected code calls a client: it awaits something or calls an instance member (not a static helper such as
    /// a JSON parser), so looping back means calling that client again.
    /// </summary>
    public static bool TryCallsSomething(SemanticModel model, CatchClauseSyntax clause) =>
        clause.Parent is TryStatementSyntax tryStatement
        && tryStatement.Block.DescendantNodes().Any(node => node is AwaitExpressionSyntax
            || (node is InvocationExpressionSyntax call && model.GetSymbolInfo(call).Symbol is IMethodSymbol { IsStatic: false, MethodKind: not MethodKind.LocalFunction }));
}
