using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FailoverGen.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace FailoverGen.CodeFixes;

/// <summary>FG1001: end the catch with <c>throw;</c> (replacing a final return, break or continue that swallowed the error).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddRethrowCodeFix))]
[Shared]
public sealed class AddRethrowCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.SwallowedFailover);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span).FirstAncestorOrSelf<CatchClauseSyntax>() is not { Block: { } } clause
            || !EndsSwallowing(await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false), clause.Block))
        {
            // A catch whose swallowing exit is elsewhere (inside an if) needs a person to decide: a trailing throw would not help.
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create("Rethrow the error so failover can act on it", ct => Fix(context.Document, root, clause, ct), nameof(AddRethrowCodeFix)),
            context.Diagnostics);
    }

    private static bool EndsSwallowing(SemanticModel? model, BlockSyntax block) =>
        block.Statements.LastOrDefault() is ReturnStatementSyntax or BreakStatementSyntax or ContinueStatementSyntax
        || model?.AnalyzeControlFlow(block) is { Succeeded: true, EndPointIsReachable: true };

    private static Task<Document> Fix(Document document, SyntaxNode root, CatchClauseSyntax clause, CancellationToken cancellationToken)
    {
        BlockSyntax block = clause.Block;
        ThrowStatementSyntax rethrow = SyntaxFactory.ThrowStatement().WithAdditionalAnnotations(Formatter.Annotation);
        StatementSyntax? last = block.Statements.LastOrDefault();
        BlockSyntax fixedBlock = last is ReturnStatementSyntax or BreakStatementSyntax or ContinueStatementSyntax
            ? block.ReplaceNode(last, rethrow.WithTriviaFrom(last))
            : block.AddStatements(rethrow);
        return Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(block, fixedBlock)));
    }
}
