using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using FailoverGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using FailoverGen.Shared;

namespace FailoverGen.Generator;

/// <summary>
/// Turns a <c>[FallbackChain]</c> interface symbol into a <see cref="ChainModel"/>. Returns null for anything it
/// cannot implement (the analyzers explain why); it never throws, because a generator exception breaks every
/// build that references the package.
/// </summary>
internal static partial class Parser
{
    private static readonly HashSet<string> ObjectMemberNames = new(StringComparer.Ordinal)
    {
        "ToString", "Equals", "GetHashCode", "GetType", "ReferenceEquals", "MemberwiseClone", "Finalize",
    };

    private static readonly string GeneratorVersion = typeof(Parser).Assembly.GetName().Version?.ToString() ?? "0.0.0.0";

    /// <summary>A <c>[FallbackChain]</c> interface declared in this compilation.</summary>
    public static ChainModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        try
        {
            if (context.TargetSymbol is not INamedTypeSymbol { TypeKind: TypeKind.Interface } symbol || !TryGetVisibility(symbol, out bool isPublic))
            {
                return null;
            }

            string? ns = symbol.ContainingNamespace is { IsGlobalNamespace: false } containing ? containing.ToDisplayString() : null;
            // The interface's metadata name is unique in the compilation and includes its generic arity.
            string hintName = SanitizeHintName(FullMetadataName(symbol)) + ".FallbackChain.g.cs";
            return ParseInterface(symbol, ns, ClassNameOf(symbol, context.Attributes), hintName, isPublic, context.TargetNode.SyntaxTree.Options, context.SemanticModel.Compilation, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>
    /// Every <c>[assembly: FallbackChainFor(typeof(I))]</c> in one file: interfaces from referenced assemblies, wrapped by
    /// an internal class in the project's namespace (the assembly name unless the attribute names one).
    /// </summary>
    public static EquatableArray<ChainModel> ParseForeign(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var models = new List<ChainModel>();
        try
        {
            Compilation compilation = context.SemanticModel.Compilation;
            foreach (AttributeData attribute in context.Attributes)
            {
                if (attribute.ConstructorArguments.Length != 1
                    || attribute.ConstructorArguments[0].Value is not INamedTypeSymbol { TypeKind: TypeKind.Interface } symbol
                    || symbol.IsUnboundGenericType
                    || symbol.TypeArguments.Any(t => t is ITypeParameterSymbol)
                    || !compilation.IsSymbolAccessibleWithin(symbol, compilation.Assembly))
                {
                    continue;
                }

                string? requestedName = NamedString(attribute, "ClassName");
                string className = requestedName is not null && IsPlainIdentifier(requestedName) ? requestedName : DefaultClassName(symbol);
                string? ns = NamedString(attribute, "Namespace") ?? compilation.AssemblyName;
                ns = ns is not null && ns.Split('.').All(IsPlainIdentifier) ? ns : null;

                // The interface is part of the name: two interfaces wrapped under one class name must each be emitted
                // (the compiler then reports the clash) rather than one silently replacing the other.
                ChainModel? model = ParseInterface(
                    symbol,
                    ns,
                    className,
                    SanitizeHintName((ns is null ? string.Empty : ns + ".") + className + "." + FullMetadataName(symbol)) + ".FallbackChainFor.g.cs",
                    isPublic: NamedBool(attribute, "Public") && symbol.DeclaredAccessibility == Accessibility.Public,
                    context.TargetNode.SyntaxTree.Options,
                    compilation,
                    cancellationToken,
                    attribute);
                if (model is not null)
                {
                    models.Add(model);
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever was parsed before the failure is still emitted; the rest is left out rather than crash the build.
        }

        return models.ToEquatableArray();
    }

    private static string? NamedString(AttributeData attribute, string name) =>
        attribute.NamedArguments.FirstOrDefault(a => a.Key == name).Value.Value as string;

    private static bool NamedBool(AttributeData attribute, string name) =>
        attribute.NamedArguments.FirstOrDefault(a => a.Key == name).Value.Value is true;

    private static ChainModel? ParseInterface(
        INamedTypeSymbol symbol,
        string? ns,
        string className,
        string hintName,
        bool isPublic,
        ParseOptions parseOptions,
        Compilation compilation,
        CancellationToken cancellationToken,
        AttributeData? chainFor = null)
    {
        // Interfaces the wrapper cannot implement are left out; an FG0009–FG0012 diagnostic says why.
        if (symbol.TypeKind == TypeKind.Error
            || WrapRules.HasStaticAbstractMembers(symbol)
            || !WrapRules.IsReachableFromGeneratedCode(symbol)
            || (WrapRules.UsesPointers(symbol) && compilation.Options is CSharpCompilationOptions { AllowUnsafe: false }))
        {
            return null;
        }

        LanguageVersion version = parseOptions is CSharpParseOptions csharp ? csharp.LanguageVersion : LanguageVersion.CSharp7_3;
        var options = new EmitOptions(version >= LanguageVersion.CSharp8, version >= LanguageVersion.CSharp9, GeneratorVersion);
        var types = new TypeFormatter(options.NullableAnnotations, version >= LanguageVersion.CSharp9);

        // The wrapper repeats the type parameters of the interface and of the generic types it is nested in, outermost
        // first, when they are open; a closed interface (FallbackChainFor(typeof(Outer<int>.IInner))) needs none.
        ImmutableArray<ITypeParameterSymbol> classTypeParameters = OpenTypeParameters(symbol);
        var policies = new List<PolicyModel>();
        var signatures = new SignatureAttributes(compilation);
        signatures.Note(symbol);
        int interfacePolicy = chainFor is null ? AddPolicy(symbol.GetAttributes(), policies) : AddPolicy(chainFor, policies);
        var members = new List<MemberModel>();
        var implemented = new HashSet<string>(StringComparer.Ordinal);
        var slots = new ImplicitSlots();
        bool inherits = !symbol.AllInterfaces.IsEmpty;
        foreach (INamedTypeSymbol declaring in new[] { symbol }.Concat(symbol.AllInterfaces))
        {
            foreach (ISymbol member in declaring.GetMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!member.IsAbstract || member.IsStatic)
                {
                    // Default-implemented members need no implementation; static members are not implemented per instance.
                    continue;
                }

                if (member is IMethodSymbol { MethodKind: not MethodKind.Ordinary })
                {
                    // Accessors are implemented with their property or event.
                    continue;
                }

                string? declaringInterface = SymbolEqualityComparer.Default.Equals(declaring, symbol) ? null : types.Display(declaring);
                signatures.Note(declaring);
                signatures.Note(member);
                MemberModel? model = DisposeOf(declaring, member, declaringInterface) is DisposeModel dispose
                    ? dispose
                    : member switch
                {
                    IMethodSymbol method => ParseMethod(method, types, signatures, policies, interfacePolicy, declaringInterface),
                    IPropertySymbol property => ParseProperty(property, types, signatures, interfacePolicy, declaringInterface),
                    IEventSymbol @event => ParseEvent(@event, types, declaringInterface),
                    _ => null,
                };
                if (model is null)
                {
                    return null;
                }

                model = model with { Attributes = signatures.ForMember(member) };

                // Identical members inherited from several interfaces share one implementation; one that would clash
                // with a public member already written (same parameters, another return type; same name, another kind)
                // is implemented explicitly for its own interface.
                // With no base interface the members are distinct and cannot clash, so their keys are not built.
                if (!inherits || implemented.Add(SignatureKeys.Identity(member)))
                {
                    // A member named like the class cannot be implemented implicitly (CS0542), one named like a member of
                    // object (ToString, Equals, GetHashCode, …) would hide it (CS0108/CS0114), and one named like a type
                    // parameter of the class would clash with it (CS0102): all are explicit too.
                    bool clashes = (inherits && !slots.TryTake(member, SignatureKeys.Slot(member))) || member.Name == className || ObjectMemberNames.Contains(member.Name)
                        || classTypeParameters.Any(t => t.Name == member.Name);
                    members.Add(clashes ? model with { Explicit = true, DeclaringInterface = declaringInterface ?? types.Display(symbol) } : model);
                }
            }
        }

        // A method type parameter named like one of the class's hides it (CS0693), in the interface as in the wrapper.
        if (members.OfType<MethodModel>().Any(m => Emitter.SplitTypeParameters(m.TypeParameters).Intersect(classTypeParameters.Select(t => Identifier(t.Name))).Any()))
        {
            signatures.Suppress("CS0693");
        }

        return new ChainModel(
            ns,
            className,
            types.Display(symbol),
            isPublic,
            TypeParameterList(classTypeParameters),
            types.ConstraintClauses(classTypeParameters).ToEquatableArray(),
            hintName,
            policies.ToEquatableArray(),
            members.ToEquatableArray(),
            CustomClassifiers(symbol, compilation, types),
            options)
        {
            Suppressions = signatures.Suppressions,
            Unsafe = WrapRules.UsesPointers(symbol),
            IsChatClient = SymbolNames.Is(symbol, KnownNames.ChatClient),
        };
    }

    /// <summary>What the project references; see <see cref="ProjectFeatures"/>.</summary>
    public static ProjectFeatures FeaturesOf(Compilation compilation) => new(
        compilation.GetTypeByMetadataName(KnownNames.ServiceCollection) is not null,
        compilation.GetTypeByMetadataName(KnownNames.ChatClientBuilder) is not null,
        compilation.GetTypeByMetadataName(KnownNames.Configuration) is not null
            && compilation.GetTypeByMetadataName(KnownNames.FailoverSettingsRegistration) is not null,
        IsVisible(compilation, KnownNames.ClientResultException),
        IsVisible(compilation, KnownNames.RequestFailedException),
        IsVisible(compilation, KnownNames.AnthropicApiException),
        IsVisible(compilation, KnownNames.KernelHttpOperationException));

    private static ImmutableArray<ITypeParameterSymbol> OpenTypeParameters(INamedTypeSymbol symbol)
    {
        var chain = new List<INamedTypeSymbol>();
        for (INamedTypeSymbol? type = symbol; type is not null; type = type.ContainingType)
        {
            chain.Insert(0, type);
        }

        return chain.All(t => t.TypeArguments.All(a => a is ITypeParameterSymbol))
            ? chain.SelectMany(t => t.TypeParameters).ToImmutableArray()
            : ImmutableArray<ITypeParameterSymbol>.Empty;
    }

    /// <summary>The generated class is top-level, so the interface must be reachable from its namespace.</summary>
    private static bool TryGetVisibility(INamedTypeSymbol symbol, out bool isPublic)
    {
        isPublic = true;
        for (INamedTypeSymbol? type = symbol; type is not null; type = type.ContainingType)
        {
            switch (type.DeclaredAccessibility)
            {
                case Accessibility.Public:
                    break;
                case Accessibility.Internal:
                case Accessibility.ProtectedOrInternal:
                    isPublic = false;
                    break;
                default:
                    return false;
            }
        }

        return true;
    }
}
