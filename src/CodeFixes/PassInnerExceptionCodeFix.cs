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
            || model is null
            || WithInner(model, creation, SyntaxFactory.ParseExpression("default(global::System.Exception)")) is null)
        {
            // Only offered where some constructor accepts the arguments plus an inner exception.
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create("Pass the caught exception as the inner exception", _ => Fix(context.Document, root, model, clause, creation), nameof(PassInnerExceptionCodeFix)),
            context.Diagnostics);
    }

    /// <summary>
    /// The creation's arguments plus <paramref name="inner"/>: appended, or as <c>innerException:</c> when the other
    /// arguments are named or the parameter is optional (as on ProviderException), or as (message, inner) when there
    /// were none. Null when no constructor binds, checked speculatively so the fix never produces broken code.
    /// </summary>
    private static ArgumentListSyntax? WithInner(SemanticModel model, BaseObjectCreationExpressionSyntax creation, ExpressionSyntax inner)
    {
        ArgumentListSyntax arguments = creation.ArgumentList ?? SyntaxFactory.ArgumentList();
        string message = arguments.Arguments.Count == 0 && inner is IdentifierNameSyntax name ? name.Identifier.ValueText + ".Message" : "default(string)";
        ArgumentListSyntax[] candidates = arguments.Arguments.Count == 0
            ? new[] { arguments.AddArguments(SyntaxFactory.Argument(SyntaxFactory.ParseExpression(message)), SyntaxFactory.Argument(inner)) }
            : new[]
            {
                arguments.AddArguments(SyntaxFactory.Argument(inner)),
                arguments.AddArguments(SyntaxFactory.Argument(SyntaxFactory.NameColon("innerException"), default, inner)),
            };
        foreach (ArgumentListSyntax candidate in candidates)
        {
            if (creation is ObjectCreationExpressionSyntax typed
                && model.GetSpeculativeSymbolInfo(creation.SpanStart, typed.WithArgumentList(candidate), SpeculativeBindingOption.BindAsExpression).Symbol is IMethodSymbol)
            {
                return candidate;
            }
        }

        return null;
    }

    private static Task<Document> Fix(Document document, SyntaxNode root, SemanticModel model, CatchClauseSyntax clause, BaseObjectCreationExpressionSyntax creation)
    {
        var marker = new SyntaxAnnotation();
        CatchClauseSyntax named = CatchVariable.Ensure(clause.ReplaceNode(creation, creation.WithAdditionalAnnotations(marker)), out string name);
        var current = (BaseObjectCreationExpressionSyntax)named.GetAnnotatedNodes(marker).Single();

        // The shape that bound with a stand-in exception, now with the real variable.
        ArgumentListSyntax? shape = WithInner(model, creation, SyntaxFactory.ParseExpression("default(global::System.Exception)"));
        ArgumentListSyntax arguments = current.ArgumentList ?? SyntaxFactory.ArgumentList();
        ArgumentSyntax innerArgument = SyntaxFactory.Argument(SyntaxFactory.IdentifierName(name));
        if (arguments.Arguments.Count == 0)
        {
            arguments = arguments.AddArguments(SyntaxFactory.Argument(SyntaxFactory.ParseExpression(name + ".Message")), innerArgument);
        }
        else
        {
            arguments = arguments.AddArguments(shape?.Arguments.Last().NameColon is { } nameColon ? innerArgument.WithNameColon(nameColon) : innerArgument);
        }

        CatchClauseSyntax fixedClause = named.ReplaceNode(current, current.WithArgumentList(arguments));
        return Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(clause, fixedClause)));
    }
}
