using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using FailoverGen.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FailoverGen.Analyzers;

/// <summary>
/// Which exception types can carry a provider failure (a rate limit, quota, outage or timeout): the ones the common
/// SDKs throw, known out of the box, plus the user's own from <c>[assembly: ProviderFailureException(typeof(…))]</c>
/// and the <c>failovergen.provider_exception_types</c> option.
/// </summary>
internal sealed class FailureCarriers
{
    /// <summary>The .editorconfig option naming more exception types, comma- or semicolon-separated metadata names.</summary>
    public const string ExceptionTypesOption = "failovergen.provider_exception_types";

    /// <summary>
    /// Types whose every subtype carries failures too: an SDK's base API exception and its per-status subclasses. The
    /// names of libraries a compilation does not reference simply resolve to nothing.
    /// </summary>
    private static readonly string[] Families =
    {
        "System.TimeoutException",
        "System.OperationCanceledException",
        "System.Net.Http.HttpRequestException",
        "System.Net.Http.HttpIOException",
        "System.Net.WebException",
        "System.Net.Sockets.SocketException",
        "System.Net.WebSockets.WebSocketException",
        KnownNames.ProviderException,
        KnownNames.ClientResultException,
        KnownNames.RequestFailedException,
        "Anthropic.Exceptions.AnthropicException",
        KnownNames.KernelHttpOperationException,
        "OllamaSharp.Models.Exceptions.OllamaException",
        "Refit.ApiException",
        "Grpc.Core.RpcException",
        "Google.GoogleApiException",
        "Amazon.Runtime.AmazonServiceException",
        "Flurl.Http.FlurlHttpException",
        "Polly.Timeout.TimeoutRejectedException",
        "Polly.CircuitBreaker.BrokenCircuitException",
        "Polly.RateLimiting.RateLimiterRejectedException",
    };

    /// <summary>
    /// Types that receive failures only as themselves or through a subtype listed above: <c>catch (IOException)</c>
    /// receives an HttpIOException, but a DirectoryNotFoundException is never a provider's answer.
    /// </summary>
    private static readonly string[] Exact =
    {
        "System.Exception",
        "System.SystemException",
        "System.AggregateException",
        "System.IO.IOException",
    };

    private readonly ImmutableArray<INamedTypeSymbol> _families;
    private readonly ImmutableArray<INamedTypeSymbol> _exact;
    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<string, ImmutableArray<INamedTypeSymbol>> _optionTypes = new(StringComparer.Ordinal);

    public FailureCarriers(Compilation compilation)
    {
        _compilation = compilation;
        _exact = Resolve(compilation, Exact);
        _families = Resolve(compilation, Families).AddRange(DeclaredInAssembly(compilation));
    }

    /// <summary>
    /// True when a catch of <paramref name="caught"/> can receive a provider failure: it is a carrier, a base of one
    /// (<c>catch (Exception)</c>), or derived from a family (an SDK's rate-limit exception).
    /// </summary>
    public bool CanCarry(ITypeSymbol caught, AnalyzerConfigOptions options) =>
        Any(_exact, caught, familyMember: false) || Any(_families, caught, familyMember: true) || Any(FromOptions(options), caught, familyMember: true);

    private static bool Any(ImmutableArray<INamedTypeSymbol> carriers, ITypeSymbol caught, bool familyMember)
    {
        foreach (INamedTypeSymbol carrier in carriers)
        {
            if (FailoverSymbols.InheritsFromOrEquals(carrier, caught) || (familyMember && FailoverSymbols.InheritsFromOrEquals(caught, carrier)))
            {
                return true;
            }
        }

        return false;
    }

    private ImmutableArray<INamedTypeSymbol> FromOptions(AnalyzerConfigOptions options) =>
        options.TryGetValue(ExceptionTypesOption, out string? value) && !string.IsNullOrWhiteSpace(value)
            ? _optionTypes.GetOrAdd(value, names => Resolve(_compilation, names.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries).Select(n => n.Trim())))
            : ImmutableArray<INamedTypeSymbol>.Empty;

    private static ImmutableArray<INamedTypeSymbol> DeclaredInAssembly(Compilation compilation) =>
        compilation.GetTypeByMetadataName(KnownNames.ProviderFailureExceptionAttribute) is { } attribute
            ? compilation.Assembly.GetAttributes()
                .Where(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute) && a.ConstructorArguments.Length == 1)
                .Select(a => a.ConstructorArguments[0].Value as INamedTypeSymbol)
                .Where(t => t is not null)
                .Select(t => t!)
                .ToImmutableArray()
            : ImmutableArray<INamedTypeSymbol>.Empty;

    private static ImmutableArray<INamedTypeSymbol> Resolve(Compilation compilation, System.Collections.Generic.IEnumerable<string> names) =>
        names.Where(n => n.Length > 0)
            .Select(compilation.GetTypeByMetadataName)
            .Where(t => t is not null)
            .Select(t => t!)
            .ToImmutableArray();
}
