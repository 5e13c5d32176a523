using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using FailoverGen.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace FailoverGen.CodeFixes;

/// <summary>FG1001: catch only what failover would not act on: <c>when (!FailoverErrors.IsFailoverEligible(ex))</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddFallbackFilterCodeFix))]
[Shared]
public sealed class AddFallbackFilterCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.SwallowedFailover);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span).FirstAncestorOrSelf<CatchClauseSyntax>() is not { } clause)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create("Let fallback-eligible errors pass (when !FailoverErrors.IsFailoverEligible)", ct => Fix(context.Document, root, clause, ct), nameof(AddFallbackFilterCodeFix)),
            context.Diagnostics);
    }

    private static Task<Document> Fix(Document document, SyntaxNode root, CatchClauseSyntax clause, CancellationToken cancellationToken)
    {
        CatchClauseSyntax named = CatchVariable.Ensure(clause, out string name);
        // Only the type name is simplified, to FailoverErrors where `using FailoverGen;` is in scope.
        NameSyntax failoverErrors = SyntaxFactory.ParseName("global::FailoverGen.FailoverErrors").WithAdditionalAnnotations(Simplifier.Annotation);
        ExpressionSyntax notEligible = SyntaxFactory.PrefixUnaryExpression(
            SyntaxKind.LogicalNotExpression,
            SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, failoverErrors, SyntaxFactory.IdentifierName("IsFailoverEligible")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(SyntaxFactory.IdentifierName(name))))));
        ExpressionSyntax condition = named.Filter is { } existing
            ? SyntaxFactory.BinaryExpression(SyntaxKind.LogicalAndExpression, SyntaxFactory.ParenthesizedExpression(existing.FilterExpression), notEligible)
            : notEligible;
        CatchFilterClauseSyntax filter = SyntaxFactory.CatchFilterClause(condition)
            .WithLeadingTrivia(SyntaxFactory.Space)
            .WithTrailingTrivia(named.Declaration!.GetTrailingTrivia());
        CatchClauseSyntax fixedClause = named
            .WithDeclaration(named.Declaration.WithoutTrailingTrivia())
            .WithFilter(filter);
        return Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(clause, fixedClause)));
    }
}
