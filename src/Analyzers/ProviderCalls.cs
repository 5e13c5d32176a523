using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FailoverGen.Analyzers;

/// <summary>
/// Whether code makes a call that can reach a provider, and so can fail with a rate limit, quota or outage: an HTTP
/// or SDK client, a Microsoft.Extensions.AI or Semantic Kernel AI service, a chain, or a method of this compilation
/// that makes such a call within <see cref="MaxDepth"/> calls. A catch around anything else (parsing, file access,
/// a user callback or a tool invocation) is not where failover errors arrive.
/// </summary>
internal sealed class ProviderCalls
{
    /// <summary>How many calls deep into this compilation's own methods a provider call is looked for.</summary>
    public const int MaxDepth = 3;

    private const int Unreached = MaxDepth + 1;

    /// <summary>
    /// Namespaces of provider SDKs: an instance call into one that returns a task or a result goes to the provider.
    /// Code of this compilation with a body is followed instead, whatever its namespace.
    /// </summary>
    private static readonly string[] SdkNamespaces =
    {
        "OpenAI", "Anthropic", "Azure.AI", "Mistral", "OllamaSharp", "Google.GenAI", "Google.Cloud.AIPlatform",
        "Amazon.BedrockRuntime", "Cohere", "LlmTornado", "Betalgo", "tryAGI", "LangChain.Providers", "Microsoft.SemanticKernel.Connectors",
    };

    /// <summary>Types whose instances talk to a remote service.</summary>
    private static readonly string[] TransportTypes =
    {
        "System.Net.Http.HttpMessageInvoker", "System.Net.Http.HttpMessageHandler", "System.Net.WebRequest", "System.Net.WebClient",
        "System.ClientModel.Primitives.ClientPipeline", "Azure.Core.Pipeline.HttpPipeline", "Grpc.Core.CallInvoker",
        "System.Net.WebSockets.WebSocket", "System.Net.Http.HttpContent",
    };

    /// <summary>Synchronous members of a transport that go over the wire (<c>HttpClient.Send</c>), unlike <c>WebSocket.Abort</c>.</summary>
    private static readonly string[] RemoteVerbs = { "Send", "Receive", "Connect", "Get", "Post", "Put", "Patch", "Delete", "Process", "Download", "Upload", "Read" };

    /// <summary>AI service contracts: every implementation calls a model.</summary>
    private static readonly string[] ServiceInterfaces =
    {
        "Microsoft.Extensions.AI.IChatClient", "Microsoft.Extensions.AI.IEmbeddingGenerator", "Microsoft.Extensions.AI.ISpeechToTextClient",
        "Microsoft.Extensions.AI.IImageGenerator", "Microsoft.Extensions.AI.ITextToSpeechClient", "Microsoft.SemanticKernel.Services.IAIService",
    };

    private readonly FailoverSymbols _symbols;
    private readonly ImmutableArray<INamedTypeSymbol> _transports;
    private readonly ImmutableArray<INamedTypeSymbol> _services;
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _transportTypes = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, int> _distance = new(SymbolEqualityComparer.Default);

    public ProviderCalls(FailoverSymbols symbols)
    {
        _symbols = symbols;
        _transports = Resolve(symbols.Compilation, TransportTypes);
        _services = Resolve(symbols.Compilation, ServiceInterfaces);
    }

    /// <summary>True when the code under <paramref name="node"/> calls a provider, directly or through this compilation's methods.</summary>
    public bool Reaches(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken) =>
        CallsAProvider(node, model, cancellationToken) || ReadsAProviderStream(node, model, cancellationToken);

    private bool CallsAProvider(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken) =>
        _symbols.Sources.Calls(node, model, cancellationToken).Any(method => IsProviderCall(method, cancellationToken));

    /// <summary>
    /// A provider's stream fails where it is read, not where it was asked for: <c>await enumerator.MoveNextAsync()</c>
    /// or <c>await foreach (var u in updates)</c> over a local that came from a provider call outside the try.
    /// </summary>
    private bool ReadsAProviderStream(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (SyntaxNode read in node.DescendantNodesAndSelf())
        {
            ExpressionSyntax? source = read switch
            {
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "MoveNextAsync" or "GetAsyncEnumerator" } member } => member.Expression,
                ForEachStatementSyntax { AwaitKeyword.RawKind: not 0 } forEach => forEach.Expression,
                _ => null,
            };
            if (source is not null && ComesFromAProviderCall(source, model, hops: 3, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    private bool ComesFromAProviderCall(ExpressionSyntax expression, SemanticModel model, int hops, CancellationToken cancellationToken)
    {
        if (CallsAProvider(expression, model, cancellationToken))
        {
            return true;
        }

        return hops > 0
            && expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(name =>
                model.GetSymbolInfo(name, cancellationToken).Symbol is ILocalSymbol local
                && local.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<VariableDeclaratorSyntax>()
                    .Any(declarator => declarator.Initializer is { } initializer && ComesFromAProviderCall(initializer.Value, model, hops - 1, cancellationToken)));
    }

    /// <summary>True when calling <paramref name="method"/> reaches a provider within the bound.</summary>
    public bool IsProviderCall(IMethodSymbol method, CancellationToken cancellationToken) => Distance(method, cancellationToken) <= MaxDepth;

    /// <summary>
    /// How many calls from <paramref name="method"/> the nearest provider call is (0: it is one), found breadth-first
    /// through this compilation's methods, or <see cref="Unreached"/> beyond the bound. Each method's answer depends
    /// on nothing but the call graph, so concurrent analyses agree.
    /// </summary>
    private int Distance(IMethodSymbol method, CancellationToken cancellationToken)
    {
        method = SourceMethods.Normalized(method);
        if (_distance.TryGetValue(method, out int known))
        {
            return known;
        }

        var seen = new System.Collections.Generic.HashSet<IMethodSymbol>(SymbolEqualityComparer.Default) { method };
        var level = new System.Collections.Generic.List<IMethodSymbol> { method };
        for (int depth = 0; depth <= MaxDepth && level.Count > 0; depth++)
        {
            if (level.Any(CallsProviderDirectly))
            {
                return _distance.GetOrAdd(method, depth);
            }

            level = level.Where(_symbols.Sources.IsInSource)
                .SelectMany(m => _symbols.Sources.Callees(m, cancellationToken))
                .Where(seen.Add)
                .ToList();
        }

        return _distance.GetOrAdd(method, Unreached);
    }

    private bool CallsProviderDirectly(IMethodSymbol method)
    {
        if (method.MethodKind is MethodKind.Constructor or MethodKind.StaticConstructor)
        {
            return false;
        }

        // A callback is the user's code (an isolation catch around it is fine), unless it hands back a provider's
        // response: then it is the next stage of a pipeline (Func<HttpRequestMessage, Task<HttpResponseMessage>> next).
        if (method.MethodKind == MethodKind.DelegateInvoke)
        {
            return IsProviderResponse(Awaited(method.ReturnType));
        }

        // HttpClient's JSON helpers and similar extensions act on their first parameter.
        ITypeSymbol? receiver = method.IsExtensionMethod ? method.Parameters.FirstOrDefault()?.Type : method.ContainingType;
        if (receiver is null)
        {
            return false;
        }

        if (method.GetAttributes().Any(a => a.AttributeClass?.ContainingNamespace?.ToDisplayString() == "Refit"))
        {
            return true;
        }

        bool instanceCall = !method.IsStatic || method.IsExtensionMethod;
        if (IsTransport(receiver))
        {
            return instanceCall && (ReturnsARemoteResult(method) || RemoteVerbs.Any(verb => method.Name.StartsWith(verb, StringComparison.Ordinal)));
        }

        if (receiver is INamedTypeSymbol named && (_symbols.IsFallbackChain(named) || IsServiceMember(named, method)))
        {
            return true;
        }

        // Names only decide for code the rules cannot read: a library's, or an abstract or interface member.
        return instanceCall
            && !_symbols.Sources.HasReadableBody(method)
            && (IsInSdkNamespace(receiver) || (receiver.Name.EndsWith("Client", StringComparison.Ordinal) && !IsFrameworkType(receiver)))
            && ReturnsARemoteResult(method);
    }

    private bool IsTransport(ITypeSymbol type) =>
        _transportTypes.GetOrAdd(type, t => _transports.Any(transport => FailoverSymbols.InheritsFromOrEquals(t, transport)));

    /// <summary>
    /// A member of an AI service contract (<c>IChatClient.GetResponseAsync</c>), called through the interface or
    /// through a class implementing it, but not the class's other helpers.
    /// </summary>
    private bool IsServiceMember(INamedTypeSymbol type, IMethodSymbol method)
    {
        if (method.Name is "GetService" or "Dispose" or "DisposeAsync")
        {
            return false;
        }

        foreach (INamedTypeSymbol service in _services)
        {
            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, service))
            {
                return true;
            }

            foreach (INamedTypeSymbol implemented in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, service) && implemented.GetMembers(method.Name).Length > 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>What a provider sends back: an HTTP response, a System.ClientModel or Azure result, a chat response.</summary>
    private static bool IsProviderResponse(ITypeSymbol type) =>
        type.ToDisplayString() is "System.Net.Http.HttpResponseMessage" or "System.ClientModel.Primitives.PipelineResponse" or "System.ClientModel.ClientResult"
            or "Azure.Response" or "Microsoft.Extensions.AI.ChatResponse"
        || type.OriginalDefinition.ToDisplayString() is "System.ClientModel.ClientResult<T>" or "Azure.Response<T>";

    private static ITypeSymbol Awaited(ITypeSymbol type) =>
        type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } generic
        && generic.OriginalDefinition.ToDisplayString() is "System.Threading.Tasks.Task<TResult>" or "System.Threading.Tasks.ValueTask<TResult>"
            ? generic.TypeArguments[0]
            : type;

    private static bool IsInSdkNamespace(ITypeSymbol type)
    {
        string ns = type.ContainingNamespace?.ToDisplayString() ?? "";
        return SdkNamespaces.Any(prefix => ns == prefix || ns.StartsWith(prefix + ".", StringComparison.Ordinal));
    }

    private static bool IsFrameworkType(ITypeSymbol type) =>
        type.ContainingNamespace?.ToDisplayString() is { } ns && (ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal) || ns.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal));

    /// <summary>A task, an async stream or a System.ClientModel result: what a remote call returns, unlike a model's accessors.</summary>
    private static bool ReturnsARemoteResult(IMethodSymbol method)
    {
        ITypeSymbol type = method.ReturnType;
        string name = type.OriginalDefinition.ToDisplayString();
        return name.StartsWith("System.Threading.Tasks.", StringComparison.Ordinal)
            || name.StartsWith("System.Collections.Generic.IAsyncEnumerable", StringComparison.Ordinal)
            || name.StartsWith("System.ClientModel.", StringComparison.Ordinal);
    }

    private static ImmutableArray<INamedTypeSymbol> Resolve(Compilation compilation, string[] names) =>
        names.Select(n => compilation.GetTypeByMetadataName(n) ?? compilation.GetTypeByMetadataName(n + "`2"))
            .Where(t => t is not null)
            .Select(t => t!)
            .ToImmutableArray();
}
