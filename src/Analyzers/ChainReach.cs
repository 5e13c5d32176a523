using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace FailoverGen.Analyzers;

/// <summary>
/// The code a chain runs: the members of chain implementations and of their base classes, and the methods of this
/// compilation they call within <see cref="ProviderCalls.MaxDepth"/> calls (a <c>ClientCore</c> helper, a shared
/// HTTP sender). A catch there swallows a provider's failure as surely as one in the implementation itself.
/// </summary>
internal sealed class ChainReach
{
    private readonly FailoverSymbols _symbols;
    private readonly object _gate = new();
    private ImmutableHashSet<ISymbol>? _reached;

    public ChainReach(FailoverSymbols symbols)
    {
        _symbols = symbols;
    }

    /// <summary>True when <paramref name="member"/> (the method, accessor or constructor around a catch) runs as part of a chain call.</summary>
    public bool Runs(ISymbol member, CancellationToken cancellationToken)
    {
        if (member.ContainingType is { } type && (_symbols.IsChainImplementation(type) || IsBaseOfChainImplementation(type, cancellationToken)))
        {
            return true;
        }

        return member is IMethodSymbol method && Reached(cancellationToken).Contains(method.OriginalDefinition);
    }

    private bool IsBaseOfChainImplementation(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        type.TypeKind == TypeKind.Class && !type.IsSealed && Reached(cancellationToken).Contains(type.OriginalDefinition);

    private ImmutableHashSet<ISymbol> Reached(CancellationToken cancellationToken)
    {
        if (_reached is { } reached)
        {
            return reached;
        }

        // One walk per compilation; a cancelled walk leaves nothing behind, so the next caller starts it again.
        lock (_gate)
        {
            return _reached ??= Walk(cancellationToken);
        }
    }

    /// <summary>Chain implementation types and their source base classes, then every method reached from their members.</summary>
    private ImmutableHashSet<ISymbol> Walk(CancellationToken cancellationToken)
    {
        var reached = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var level = new List<IMethodSymbol>();
        foreach (INamedTypeSymbol implementation in _symbols.Compilation.GetSymbolsWithName(_ => true, SymbolFilter.Type, cancellationToken)
            .OfType<INamedTypeSymbol>()
            .Where(_symbols.IsChainImplementation))
        {
            for (INamedTypeSymbol? type = implementation; type is not null && !type.DeclaringSyntaxReferences.IsEmpty; type = type.BaseType)
            {
                if (reached.Add(type.OriginalDefinition))
                {
                    level.AddRange(type.GetMembers().OfType<IMethodSymbol>().Where(_symbols.Sources.IsInSource));
                }
            }
        }

        for (int depth = 0; depth <= ProviderCalls.MaxDepth && level.Count > 0; depth++)
        {
            level = level.Where(m => reached.Add(m.OriginalDefinition))
                .SelectMany(m => _symbols.Sources.Callees(m, cancellationToken))
                .Where(_symbols.Sources.IsInSource)
                .ToList();
        }

        foreach (IMethodSymbol method in level)
        {
            reached.Add(method.OriginalDefinition);
        }

        return reached.ToImmutableHashSet(SymbolEqualityComparer.Default);
    }
}
