using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FailoverGen.Analyzers;

/// <summary>FG1003: a loop in code a chain runs that catches a possible rate limit and calls the same client again.</summary>
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
        if (CatchClauses.Find(context, symbols, clause) is not { } found
            || !CatchClauses.CanLeaveWithoutThrowing(context.SemanticModel, clause, found, out bool continuesLoop)
            || !continuesLoop
            || RetryLoops.Classify(context.SemanticModel, clause, found, symbols.ProviderCalls, context.CancellationToken) != LoopKind.Retry)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.SameProviderRetry, CatchClauses.HeaderLocation(clause), found.Caught.Name));
    }
}
