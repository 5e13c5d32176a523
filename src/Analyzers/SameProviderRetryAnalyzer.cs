using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FailoverGen.Analyzers;

/// <summary>FG1003: a for/while/do loop in a chain implementation that catches a possible rate limit and calls again.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SameProviderRetryAnalyzer : FailoverAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SameProviderRetry);

    private protected override void Register(CompilationStartAnalysisContext context, FailoverSymbols symbols) =>
        context.RegisterSyntaxNodeAction(node => Analyze(node, symbols), SyntaxKind.CatchClause);

    private static void Analyze(SyntaxNodeAnalysisContext context, FailoverSymbols symbols)
    {
        var clause = (CatchClauseSyntax)context.Node;
        if (CatchClauses.FailureCatch(context, symbols, clause) is not { } caught
            || !CatchClauses.CanLeaveWithoutThrowing(context.SemanticModel, clause.Block, symbols, out bool continuesLoop)
            || !continuesLoop
            || RetryLoops.EnclosingRetryLoop(clause) is null
            || !RetryLoops.TryCallsSomething(context.SemanticModel, clause))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.SameProviderRetry, CatchClauses.HeaderLocation(clause), caught.Name));
    }
}
