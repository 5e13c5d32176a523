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

namespace FailoverGen.CodeFixes;

/// <summary>FG1002: pass the caught exception as the new exception's inner exception.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PassInnerExceptionCodeFix))]
[Shared]
public sealed class PassInnerExceptionCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.StatusLost);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span) is not BaseObjectCreationExpressionSyntax creation
            || creation.FirstAncestorOrSelf<CatchClauseSyntax>() is not { } clause
            || model?.GetTypeInfo(creation, context.CancellationToken).Type is not INamedTypeSymbol type
            || !AcceptsInner(type, creation.ArgumentList?.Arguments.Count ?? 0, model.Compilation))
        {
            // Only offered where the exception type has a constructor taking the arguments plus an inner exception.
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create("Pass the caught exception as the inner exception", ct => Fix(context.Document, root, clause, creation), nameof(PassInnerExceptionCodeFix)),
            context.Diagnostics);
    }

    private static bool AcceptsInner(INamedTypeSymbol type, int arguments, Compilation compilation)
    {
        INamedTypeSymbol? exception = compilation.GetTypeByMetadataName("System.Exception");
        int needed = arguments == 0 ? 2 : arguments + 1;
        return type.InstanceConstructors.Any(c =>
            c.Parameters.Length == needed
            && SymbolEqualityComparer.Default.Equals(c.Parameters[needed - 1].Type, exception)
            && (arguments > 0 || c.Parameters[0].Type.SpecialType == SpecialType.System_String));
    }

    private static Task<Document> Fix(Document document, SyntaxNode root, CatchClauseSyntax clause, BaseObjectCreationExpressionSyntax creation)
    {
        var marker = new SyntaxAnnotation();
        CatchClauseSyntax named = CatchVariable.Ensure(clause.ReplaceNode(creation, creation.WithAdditionalAnnotations(marker)), out string name);
        var current = (BaseObjectCreationExpressionSyntax)named.GetAnnotatedNodes(marker).Single();
        ArgumentListSyntax arguments = current.ArgumentList ?? SyntaxFactory.ArgumentList();
        if (arguments.Arguments.Count == 0)
        {
            arguments = arguments.AddArguments(SyntaxFactory.Argument(SyntaxFactory.ParseExpression(name + ".Message")));
        }

        arguments = arguments.AddArguments(SyntaxFactory.Argument(SyntaxFactory.IdentifierName(name)));
        CatchClauseSyntax fixedClause = named.ReplaceNode(current, current.WithArgumentList(arguments));
        return Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(clause, fixedClause)));
    }
}
