using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FailoverGen.Analyzers;

/// <summary>FG0006: <c>[NoFailover]</c> on a member that no generated wrapper implements.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NoFailoverAnalyzer : FailoverAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.NoFailoverWithoutEffect);

    private protected override void Register(CompilationStartAnalysisContext context, FailoverSymbols symbols)
    {
        if (symbols.NoFailover is { } noFailover)
        {
            context.RegisterSymbolAction(symbol => Analyze(symbol, symbols, noFailover), SymbolKind.Method, SymbolKind.Property);
        }
    }

    private static void Analyze(SymbolAnalysisContext context, FailoverSymbols symbols, INamedTypeSymbol noFailover)
    {
        AttributeData? attribute = context.Symbol.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, noFailover));
        INamedTypeSymbol? container = context.Symbol.ContainingType;
        if (attribute is null || container is null || (container.TypeKind == TypeKind.Interface && symbols.IsPartOfAChain(container, context.Compilation)))
        {
            return;
        }

        Location location = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? context.Symbol.Locations.FirstOrDefault() ?? Location.None;
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.NoFailoverWithoutEffect, location, context.Symbol.Name, container.Name));
    }
}
