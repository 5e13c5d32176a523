using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using FailoverGen.Shared;
using Microsoft.CodeAnalysis;

namespace FailoverGen.Analyzers;

/// <summary>
/// The symbols the analyzers need, resolved once per compilation, and which types implement a failover chain
/// interface (cached, since every catch clause asks).
/// </summary>
internal sealed class FailoverSymbols
{
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _chainImplementations = new(SymbolEqualityComparer.Default);
    private readonly ImmutableArray<INamedTypeSymbol> _foreignChains;

    private FailoverSymbols(Compilation compilation, INamedTypeSymbol fallbackChain)
    {
        FallbackChain = fallbackChain;
        FailoverOn = compilation.GetTypeByMetadataName(KnownNames.FailoverOnAttribute);
        NoFailover = compilation.GetTypeByMetadataName(KnownNames.NoFailoverAttribute);
        FailoverClassifier = compilation.GetTypeByMetadataName(KnownNames.FailoverClassifierAttribute);
        ClassifierContract = compilation.GetTypeByMetadataName(KnownNames.FailoverClassifierInterface);
        FailoverErrors = compilation.GetTypeByMetadataName(KnownNames.FailoverErrors);
        Exception = compilation.GetTypeByMetadataName("System.Exception");
        OperationCanceled = compilation.GetTypeByMetadataName("System.OperationCanceledException");
        FailureCarriers = new[]
        {
            "System.Exception",
            "System.AggregateException",
            "System.TimeoutException",
            "System.OperationCanceledException",
            "System.Threading.Tasks.TaskCanceledException",
            "System.IO.IOException",
            "System.Net.Http.HttpRequestException",
            "System.Net.Sockets.SocketException",
            KnownNames.ProviderException,
            KnownNames.ClientResultException,
            KnownNames.RequestFailedException,
            "Anthropic.Exceptions.AnthropicException",
            KnownNames.KernelHttpOperationException,
            "Polly.Timeout.TimeoutRejectedException",
        }.Select(compilation.GetTypeByMetadataName).Where(t => t is not null).Select(t => t!).ToImmutableArray();

        INamedTypeSymbol? chainFor = compilation.GetTypeByMetadataName(KnownNames.FallbackChainForAttribute);
        _foreignChains = compilation.Assembly.GetAttributes()
            .Where(a => chainFor is not null && SymbolEqualityComparer.Default.Equals(a.AttributeClass, chainFor))
            .Select(a => a.ConstructorArguments.Length == 1 ? a.ConstructorArguments[0].Value as INamedTypeSymbol : null)
            .Where(t => t is not null)
            .Select(t => t!)
            .ToImmutableArray();
    }

    public INamedTypeSymbol FallbackChain { get; }

    public INamedTypeSymbol? FailoverOn { get; }

    public INamedTypeSymbol? NoFailover { get; }

    public INamedTypeSymbol? FailoverClassifier { get; }

    public INamedTypeSymbol? ClassifierContract { get; }

    public INamedTypeSymbol? FailoverErrors { get; }

    public INamedTypeSymbol? Exception { get; }

    public INamedTypeSymbol? OperationCanceled { get; }

    /// <summary>Exception types that can carry a rate limit, quota, outage or timeout.</summary>
    public ImmutableArray<INamedTypeSymbol> FailureCarriers { get; }

    /// <summary>Null when the compilation does not reference FailoverGen: then there is nothing to analyze.</summary>
    public static FailoverSymbols? Create(Compilation compilation) =>
        compilation.GetTypeByMetadataName(KnownNames.FallbackChainAttribute) is { } fallbackChain
            ? new FailoverSymbols(compilation, fallbackChain)
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

    public bool IsFallbackChain(INamedTypeSymbol type) =>
        type.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, FallbackChain))
        || _foreignChains.Contains(type.OriginalDefinition, SymbolEqualityComparer.Default);

    /// <summary>True when <paramref name="type"/> implements a chain interface, directly or through a base type.</summary>
    public bool IsChainImplementation(INamedTypeSymbol type) =>
        type.TypeKind is TypeKind.Class or TypeKind.Struct
        && _chainImplementations.GetOrAdd(type, t => t.AllInterfaces.Any(i => IsFallbackChain(i.OriginalDefinition)));

    /// <summary>
    /// True when a catch of <paramref name="caught"/> can receive a fallback-eligible failure: it is one of the carrier
    /// types, a base of one (catch (Exception)), or derived from a specific one (an SDK's rate-limit exception).
    /// Deriving from <see cref="System.Exception"/> alone says nothing: every exception does.
    /// </summary>
    public bool CanCarryFailure(ITypeSymbol caught) =>
        FailureCarriers.Any(carrier =>
            InheritsFromOrEquals(carrier, caught)
            || (!SymbolEqualityComparer.Default.Equals(carrier, Exception) && InheritsFromOrEquals(caught, carrier)));

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
