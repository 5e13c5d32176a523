using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using FailoverGen.Shared;
using Microsoft.CodeAnalysis;

namespace FailoverGen.Analyzers;

/// <summary>
/// The symbols the analyzers need and what they learn about one compilation (which types implement a chain, what
/// exception types carry failures, which methods call providers or are called by chains), built once per compilation
/// and shared by every FailoverGen analyzer, since each catch clause asks all of them.
/// </summary>
internal sealed class FailoverSymbols
{
    private static readonly ConditionalWeakTable<Compilation, FailoverSymbols> PerCompilation = new();

    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _chainImplementations = new(SymbolEqualityComparer.Default);
    private readonly ImmutableArray<INamedTypeSymbol> _foreignChains;

    private FailoverSymbols(Compilation compilation, INamedTypeSymbol fallbackChain)
    {
        Compilation = compilation;
        FallbackChain = fallbackChain;
        FailoverOn = compilation.GetTypeByMetadataName(KnownNames.FailoverOnAttribute);
        NoFailover = compilation.GetTypeByMetadataName(KnownNames.NoFailoverAttribute);
        FailoverClassifier = compilation.GetTypeByMetadataName(KnownNames.FailoverClassifierAttribute);
        ClassifierContract = compilation.GetTypeByMetadataName(KnownNames.FailoverClassifierInterface);
        FailoverErrors = compilation.GetTypeByMetadataName(KnownNames.FailoverErrors);
        Exception = compilation.GetTypeByMetadataName("System.Exception");
        Carriers = new FailureCarriers(compilation);

        INamedTypeSymbol? chainFor = compilation.GetTypeByMetadataName(KnownNames.FallbackChainForAttribute);
        _foreignChains = compilation.Assembly.GetAttributes()
            .Where(a => chainFor is not null && SymbolEqualityComparer.Default.Equals(a.AttributeClass, chainFor))
            .Select(a => a.ConstructorArguments.Length == 1 ? a.ConstructorArguments[0].Value as INamedTypeSymbol : null)
            .Where(t => t is not null)
            .Select(t => t!)
            .ToImmutableArray();
        Sources = new SourceMethods(compilation);
        ProviderCalls = new ProviderCalls(this);
        ChainReach = new ChainReach(this);
    }

    public Compilation Compilation { get; }

    public INamedTypeSymbol FallbackChain { get; }

    public INamedTypeSymbol? FailoverOn { get; }

    public INamedTypeSymbol? NoFailover { get; }

    public INamedTypeSymbol? FailoverClassifier { get; }

    public INamedTypeSymbol? ClassifierContract { get; }

    public INamedTypeSymbol? FailoverErrors { get; }

    public INamedTypeSymbol? Exception { get; }

    /// <summary>Exception types that can carry a rate limit, quota, outage or timeout.</summary>
    public FailureCarriers Carriers { get; }

    /// <summary>The calls each method of this compilation makes.</summary>
    public SourceMethods Sources { get; }

    /// <summary>Which calls reach a provider.</summary>
    public ProviderCalls ProviderCalls { get; }

    /// <summary>Which methods chain implementations run.</summary>
    public ChainReach ChainReach { get; }

    /// <summary>What <see cref="CatchClauses.Find"/> concluded per catch clause: FG1001, FG1002 and FG1003 all ask.</summary>
    public ConcurrentDictionary<Microsoft.CodeAnalysis.CSharp.Syntax.CatchClauseSyntax, CatchClauses.Found> Catches { get; } = new();

    /// <summary>Null when the compilation does not reference FailoverGen: then there is nothing to analyze.</summary>
    public static FailoverSymbols? Create(Compilation compilation) =>
        compilation.GetTypeByMetadataName(KnownNames.FallbackChainAttribute) is { } fallbackChain
            ? PerCompilation.GetValue(compilation, c => new FailoverSymbols(c, fallbackChain))
            : null;

    /// <summary>True for a chain interface or any interface a chain interface inherits: the generator implements their members.</summary>
    public bool IsPartOfAChain(INamedTypeSymbol type, Compilation compilation) =>
        IsFallbackChain(type) || ChainBases(compilation).Contains(type.OriginalDefinition);

    private ImmutableHashSet<ISymbol>? _chainBases;

    private ImmutableHashSet<ISymbol> ChainBases(Compilation compilation) =>
        _chainBases ??= compilation.GetSymbolsWithName(_ => true, SymbolFilter.Type)
            .OfType<INamedTypeSymbol>()
            .Where(t => t.TypeKind == TypeKind.Interface && IsFallbackChain(t))
            .SelectMany(t => t.AllInterfaces)
            .Select(i => (ISymbol)i.OriginalDefinition)
            .ToImmutableHashSet(SymbolEqualityComparer.Default);

    /// <summary>
    /// True for a <c>[FallbackChain]</c> interface, or one named by <c>[assembly: FallbackChainFor]</c>: the closed
    /// form it names (<c>IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;</c>) or, for a non-generic one, itself.
    /// </summary>
    public bool IsFallbackChain(INamedTypeSymbol type) =>
        type.OriginalDefinition.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, FallbackChain))
        || _foreignChains.Contains(type, SymbolEqualityComparer.Default)
        || _foreignChains.Contains(type.OriginalDefinition, SymbolEqualityComparer.Default);

    /// <summary>True when <paramref name="type"/> implements a chain interface, directly or through a base type.</summary>
    public bool IsChainImplementation(INamedTypeSymbol type) =>
        type.TypeKind is TypeKind.Class or TypeKind.Struct
        && _chainImplementations.GetOrAdd(type, t => t.AllInterfaces.Any(IsFallbackChain));

    public static bool InheritsFromOrEquals(ITypeSymbol type, ITypeSymbol baseType)
    {
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, baseType))
            {
                return true;
            }
        }

        return false;
    }
}
