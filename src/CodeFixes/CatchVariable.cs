using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace FailoverGen.CodeFixes;

/// <summary>Gives a catch clause a variable when it has none, so a fix can refer to the caught exception.</summary>
internal static class CatchVariable
{
    public static CatchClauseSyntax Ensure(CatchClauseSyntax clause, out string name)
    {
        if (clause.Declaration is { Identifier.ValueText: { Length: > 0 } existing })
        {
            name = existing;
            return clause;
        }

        name = Unused(clause, "ex");
        TypeSyntax type = clause.Declaration?.Type
            ?? SyntaxFactory.ParseTypeName("System.Exception").WithAdditionalAnnotations(Simplifier.Annotation);
        CatchDeclarationSyntax declaration = SyntaxFactory.CatchDeclaration(type.WithoutTrailingTrivia(), SyntaxFactory.Identifier(name))
            .WithOpenParenToken(clause.Declaration?.OpenParenToken ?? SyntaxFactory.Token(SyntaxKind.OpenParenToken))
            .WithCloseParenToken(clause.Declaration?.CloseParenToken ?? SyntaxFactory.Token(SyntaxKind.CloseParenToken));
        return clause
            .WithCatchKeyword(clause.CatchKeyword.WithTrailingTrivia(SyntaxFactory.Space))
            .WithDeclaration(declaration.WithTrailingTrivia(clause.Declaration?.GetTrailingTrivia() ?? clause.CatchKeyword.TrailingTrivia));
    }

    private static string Unused(SyntaxNode scope, string preferred)
    {
        SyntaxNode root = scope.FirstAncestorOrSelf<MemberDeclarationSyntax>() ?? scope;
        var used = root.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText).ToImmutableHashSetOrdinal();
        string name = preferred;
        for (int i = 1; used.Contains(name); i++)
        {
            name = preferred + i;
        }

        return name;
    }

    private static System.Collections.Generic.HashSet<string> ToImmutableHashSetOrdinal(this System.Collections.Generic.IEnumerable<string> names) =>
        new(names, System.StringComparer.Ordinal);
}
