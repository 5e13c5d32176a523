using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FailoverGen.Analyzers;

/// <summary>FG1001: a catch in code a chain runs that can swallow a rate limit, quota or outage.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SwallowedFailoverAnalyzer : FailoverAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SwallowedFailover);

    private protected override void Register(CompilationStartAnalysisContext context, FailoverSymbols symbols) =>
        context.RegisterSyntaxNodeAction(node => Analyze(node, symbols), SyntaxKind.CatchClause);

    private static void Analyze(SyntaxNodeAnalysisContext context, FailoverSymbols symbols)
    {
        var clause = (CatchClauseSyntax)context.Node;
        if (CatchClauses.Find(context, symbols, clause) is not { } found
            || !CatchClauses.CanLeaveWithoutThrowing(context.SemanticModel, clause, found, out bool continuesLoop)
            || HandedOnExceptions.HandsOn(context.SemanticModel, clause, found.Exception, context.CancellationToken)
            || symbols.ProviderCalls.Reaches(clause.Block, context.SemanticModel, context.CancellationToken))
        {
            // A catch that calls another provider (return await _backup.CompleteAsync(…)) is failover written by hand.
            return;
        }

        // Going round a retry loop is FG1003's finding; going on to the next client is failover written by hand.
        if (continuesLoop && RetryLoops.Classify(context.SemanticModel, clause, found, symbols.ProviderCalls, context.CancellationToken) is LoopKind.Retry or LoopKind.NextClient)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.SwallowedFailover, CatchClauses.HeaderLocation(clause), found.Caught.Name));
    }
}
