using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FailoverGen.Analyzers;

/// <summary>
/// The methods each method declared in this compilation calls or passes on as a delegate, read from its syntax once
/// and cached, and those a call through an interface or a virtual member may land in: the call graph the rules
/// follow from chain code into the helpers it delegates to.
/// </summary>
internal sealed class SourceMethods
{
    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>> _callees = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();

    public SourceMethods(Compilation compilation)
    {
        _compilation = compilation;
    }

    /// <summary>True when <paramref name="method"/> has a body in this compilation that the rules can read.</summary>
    public bool IsInSource(IMethodSymbol method) =>
        SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _compilation.Assembly) && !method.DeclaringSyntaxReferences.IsEmpty;

    /// <summary>
    /// True when <paramref name="method"/> is in this compilation with a body that does something: not abstract, not
    /// an interface member, not a placeholder that only throws (<c>=&gt; throw new NotImplementedException()</c>).
    /// </summary>
    public bool HasReadableBody(IMethodSymbol method) =>
        IsInSource(method)
        && method.DeclaringSyntaxReferences.Any(reference => reference.GetSyntax() switch
        {
            BaseMethodDeclarationSyntax { ExpressionBody.Expression: not ThrowExpressionSyntax } arrow when arrow.ExpressionBody is not null => true,
            BaseMethodDeclarationSyntax { Body: { } body } => !(body.Statements.Count == 1 && body.Statements[0] is ThrowStatementSyntax),
            LocalFunctionStatementSyntax => true,
            AccessorDeclarationSyntax => true,
            _ => false,
        });

    /// <summary>The methods <paramref name="method"/> calls, in its lambdas and local functions too.</summary>
    public ImmutableArray<IMethodSymbol> Callees(IMethodSymbol method, CancellationToken cancellationToken)
    {
        IMethodSymbol key = Normalized(method);
        if (_callees.TryGetValue(key, out ImmutableArray<IMethodSymbol> known))
        {
            return known;
        }

        ImmutableArray<IMethodSymbol> found = key.DeclaringSyntaxReferences
            .SelectMany(reference => Calls(reference.GetSyntax(cancellationToken), cancellationToken))
            .Concat(Implementations(cancellationToken).TryGetValue(key, out ImmutableArray<IMethodSymbol> implementations) ? implementations : ImmutableArray<IMethodSymbol>.Empty)
            .Distinct<IMethodSymbol>(SymbolEqualityComparer.Default)
            .ToImmutableArray();
        return _callees.GetOrAdd(key, found);
    }

    private readonly object _gate = new();
    private ImmutableDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>>? _implementations;

    /// <summary>
    /// For each interface, abstract or virtual method of this compilation, the methods of this compilation that
    /// implement or override it: a call through <c>IClientCore</c> or a base class may run any of them.
    /// </summary>
    private ImmutableDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>> Implementations(CancellationToken cancellationToken)
    {
        if (_implementations is { } known)
        {
            return known;
        }

        lock (_gate)
        {
            if (_implementations is { } raced)
            {
                return raced;
            }

            var map = new System.Collections.Generic.Dictionary<IMethodSymbol, System.Collections.Generic.List<IMethodSymbol>>(SymbolEqualityComparer.Default);
            void Add(IMethodSymbol declared, IMethodSymbol implementation)
            {
                if (!IsInSource(declared.OriginalDefinition))
                {
                    return;
                }

                if (!map.TryGetValue(declared.OriginalDefinition, out var list))
                {
                    map[declared.OriginalDefinition] = list = new System.Collections.Generic.List<IMethodSymbol>();
                }

                list.Add(implementation.OriginalDefinition);
            }

            foreach (INamedTypeSymbol type in _compilation.GetSymbolsWithName(_ => true, SymbolFilter.Type, cancellationToken).OfType<INamedTypeSymbol>()
                .Where(t => t.TypeKind is TypeKind.Class or TypeKind.Struct))
            {
                foreach (IMethodSymbol method in type.GetMembers().OfType<IMethodSymbol>())
                {
                    if (method.OverriddenMethod is { } overridden)
                    {
                        Add(overridden, method);
                    }
                }

                foreach (INamedTypeSymbol contract in type.AllInterfaces.Where(i => SymbolEqualityComparer.Default.Equals(i.ContainingAssembly, _compilation.Assembly)))
                {
                    foreach (IMethodSymbol member in contract.GetMembers().OfType<IMethodSymbol>())
                    {
                        if (type.FindImplementationForInterfaceMember(member) is IMethodSymbol implementation
                            && SymbolEqualityComparer.Default.Equals(implementation.ContainingType, type))
                        {
                            Add(member, implementation);
                        }
                    }
                }
            }

            return _implementations = map.ToImmutableDictionary(pair => pair.Key, pair => pair.Value.ToImmutableArray(), (IEqualityComparer<IMethodSymbol>)SymbolEqualityComparer.Default);
        }
    }

    /// <summary>The methods called (or referenced as a method group) anywhere under <paramref name="node"/>.</summary>
    public ImmutableArray<IMethodSymbol> Calls(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken) =>
        node.DescendantNodesAndSelf()
            .Where(n => n is InvocationExpressionSyntax || (n is IdentifierNameSyntax or MemberAccessExpressionSyntax && n.Parent is ArgumentSyntax))
            .Select(n => Resolved(model.GetSymbolInfo(n, cancellationToken)))
            .Where(m => m is not null && m.MethodKind is not (MethodKind.LocalFunction or MethodKind.AnonymousFunction))
            .Select(m => Normalized(m!))
            .Distinct<IMethodSymbol>(SymbolEqualityComparer.Default)
            .ToImmutableArray();

    /// <summary>
    /// One symbol per method: the definition of a generic or reduced extension method, but a delegate's own Invoke,
    /// whose return type says what the callback hands back.
    /// </summary>
    public static IMethodSymbol Normalized(IMethodSymbol method) =>
        method.MethodKind == MethodKind.DelegateInvoke ? method : (method.ReducedFrom ?? method).OriginalDefinition;

    /// <summary>The method called, or the first overload when the code does not pick one (it is the same member group).</summary>
    private static IMethodSymbol? Resolved(SymbolInfo info) =>
        info.Symbol as IMethodSymbol ?? info.CandidateSymbols.OfType<IMethodSymbol>().FirstOrDefault();

    private ImmutableArray<IMethodSymbol> Calls(SyntaxNode declaration, CancellationToken cancellationToken) =>
        Calls(declaration, Model(declaration.SyntaxTree), cancellationToken);

    // Following calls into other files needs their semantic models; the graph is bounded to what chain code reaches
    // and each tree's model is made once per compilation.
#pragma warning disable RS1030
    /// <summary>The semantic model of a tree of this compilation, made once.</summary>
    public SemanticModel Model(SyntaxTree tree) => _models.GetOrAdd(tree, t => _compilation.GetSemanticModel(t));
#pragma warning restore RS1030
}
