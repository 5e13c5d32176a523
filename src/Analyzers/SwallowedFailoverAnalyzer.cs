using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FailoverGen.Analyzers;

/// <summary>FG1001: a catch in a chain implementation that can swallow a rate limit, quota or outage.</summary>
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
        if (CatchClauses.FailureCatch(context, symbols, clause) is not { } caught
            || !CatchClauses.CanLeaveWithoutThrowing(context.SemanticModel, clause.Block, symbols, out bool continuesLoop)
            || (continuesLoop && RetryLoops.EnclosingRetryLoop(clause) is not null))
        {
            // A catch that loops back to retry is FG1003's finding, not this one.
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.SwallowedFailover, CatchClauses.HeaderLocation(clause), caught.Name));
    }
}
