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
internal static class Parser
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
                    isPublic: false,
                    context.TargetNode.SyntaxTree.Options,
                    compilation,
                    cancellationToken);
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

    private static ChainModel? ParseInterface(
        INamedTypeSymbol symbol,
        string? ns,
        string className,
        string hintName,
        bool isPublic,
        ParseOptions parseOptions,
        Compilation compilation,
        CancellationToken cancellationToken)
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
        int interfacePolicy = AddPolicy(symbol.GetAttributes(), policies);
        var members = new List<MemberModel>();
        var implemented = new HashSet<string>(StringComparer.Ordinal);
        var slots = new ImplicitSlots();
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
                MemberModel? model = DisposeCall(declaring, member) is CallKind dispose
                    ? new MemberModel(MemberKind.Method, member.Name, string.Empty, dispose, string.Empty, default, default, -1, false, false, false, string.Empty, declaringInterface)
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
                if (implemented.Add(SignatureKeys.Identity(member)))
                {
                    // A member named like the class cannot be implemented implicitly (CS0542), one named like a member of
                    // object (ToString, Equals, GetHashCode, …) would hide it (CS0108/CS0114), and one named like a type
                    // parameter of the class would clash with it (CS0102): all are explicit too.
                    bool clashes = !slots.TryTake(member, SignatureKeys.Slot(member)) || member.Name == className || ObjectMemberNames.Contains(member.Name)
                        || classTypeParameters.Any(t => t.Name == member.Name);
                    members.Add(clashes ? model with { Explicit = true, DeclaringInterface = declaringInterface ?? types.Display(symbol) } : model);
                }
            }
        }

        // A method type parameter named like one of the class's hides it (CS0693), in the interface as in the wrapper.
        if (members.Any(m => SplitNames(m.TypeParameters).Intersect(classTypeParameters.Select(t => Identifier(t.Name))).Any()))
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
            ParseClassifier(symbol, compilation, types),
            compilation.GetTypeByMetadataName(KnownNames.ServiceCollection) is not null,
            options)
        {
            Suppressions = signatures.Suppressions,
            Unsafe = WrapRules.UsesPointers(symbol),
        };
    }

    /// <summary>
    /// The classifier to emit: the interface's <c>[FailoverClassifier]</c> types that can be created, plus type checks for
    /// SDK exceptions the compilation can see. Resolved at build time, so nothing is looked up at run time.
    /// </summary>
    private static ClassifierModel? ParseClassifier(INamedTypeSymbol symbol, Compilation compilation, TypeFormatter types)
    {
        INamedTypeSymbol? contract = compilation.GetTypeByMetadataName(KnownNames.FailoverClassifierInterface);
        var custom = new List<string>();
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == KnownNames.FailoverClassifierAttribute
                && attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is INamedTypeSymbol type
                && IsCreatableClassifier(type, contract, compilation))
            {
                custom.Add(types.Display(type));
            }
        }

        bool clientModel = IsVisible(compilation, KnownNames.ClientResultException);
        bool azure = IsVisible(compilation, KnownNames.RequestFailedException);
        bool anthropic = IsVisible(compilation, KnownNames.AnthropicApiException);
        bool semanticKernel = IsVisible(compilation, KnownNames.KernelHttpOperationException);
        return custom.Count == 0 && !clientModel && !azure && !anthropic && !semanticKernel
            ? null
            : new ClassifierModel(custom.ToEquatableArray(), clientModel, azure, anthropic, semanticKernel);
    }

    /// <summary>Invalid classifier types are left out here and reported by the analyzers.</summary>
    private static bool IsCreatableClassifier(INamedTypeSymbol type, INamedTypeSymbol? contract, Compilation compilation) =>
        contract is not null
        && type.TypeKind == TypeKind.Class
        && !type.IsAbstract
        && !type.IsUnboundGenericType
        && type.AllInterfaces.Contains(contract, SymbolEqualityComparer.Default)
        && type.InstanceConstructors.Any(c => c.Parameters.IsEmpty && compilation.IsSymbolAccessibleWithin(c, compilation.Assembly));

    private static bool IsVisible(Compilation compilation, string metadataName) =>
        compilation.GetTypeByMetadataName(metadataName) is { DeclaredAccessibility: Accessibility.Public };

    private static MemberModel? ParseMethod(IMethodSymbol method, TypeFormatter types, SignatureAttributes signatures, List<PolicyModel> policies, int interfacePolicy, string? declaringInterface)
    {
        if (method.Parameters.Any(p => HasErrors(p.Type)) || HasErrors(method.ReturnType))
        {
            return null;
        }

        int policy = AddPolicy(method.GetAttributes(), policies);
        bool oblivious = IsOblivious(method.ReturnType, types) || method.Parameters.Any(p => IsOblivious(p.Type, types));
        return new MemberModel(
            MemberKind.Method,
            Identifier(method.Name),
            types.Display(method.ReturnType, oblivious),
            CallKindOf(method),
            TypeParameterList(method.TypeParameters),
            types.ConstraintClauses(method.TypeParameters).ToEquatableArray(),
            ParseParameters(method.Parameters, types, signatures, oblivious),
            policy >= 0 ? policy : interfacePolicy,
            HasGetter: false,
            HasSetter: false,
            oblivious,
            RefPrefix(method.RefKind),
            declaringInterface);
    }

    private static MemberModel? ParseProperty(IPropertySymbol property, TypeFormatter types, SignatureAttributes signatures, int interfacePolicy, string? declaringInterface)
    {
        if (HasErrors(property.Type) || property.Parameters.Any(p => HasErrors(p.Type)))
        {
            return null;
        }

        bool oblivious = IsOblivious(property.Type, types) || property.Parameters.Any(p => IsOblivious(p.Type, types));
        bool primaryOnly = WrapRules.WhyPrimaryOnly(property) is not null || HasAttribute(property, KnownNames.NoFailoverAttribute);
        return new MemberModel(
            property.IsIndexer ? MemberKind.Indexer : MemberKind.Property,
            property.IsIndexer ? "this" : Identifier(property.Name),
            types.Display(property.Type, oblivious),
            primaryOnly ? CallKind.Primary : CallKind.Sync,
            string.Empty,
            default,
            ParseParameters(property.Parameters, types, signatures, oblivious),
            interfacePolicy,
            property.GetMethod is not null,
            property.SetMethod is not null,
            oblivious,
            RefPrefix(property.RefKind),
            declaringInterface)
        {
            InitOnly = property.SetMethod is { IsInitOnly: true },
        };
    }

    private static MemberModel? ParseEvent(IEventSymbol @event, TypeFormatter types, string? declaringInterface)
    {
        if (HasErrors(@event.Type))
        {
            return null;
        }

        bool oblivious = IsOblivious(@event.Type, types);
        return new MemberModel(MemberKind.Event, Identifier(@event.Name), types.Display(@event.Type, oblivious), CallKind.Void, string.Empty, default, default, -1, false, false, oblivious, string.Empty, declaringInterface);
    }

    /// <summary>Disposing the wrapper disposes every provider, not just the first one that answers.</summary>
    /// <remarks>
    /// Also a <c>new void Dispose()</c> (or <c>new ValueTask DisposeAsync()</c>) that a derived interface re-declares:
    /// it means the same, and both share one implementation.
    /// </remarks>
    private static CallKind? DisposeCall(INamedTypeSymbol declaring, ISymbol member)
    {
        if (member is not IMethodSymbol { Parameters.IsEmpty: true, TypeParameters.IsEmpty: true } method)
        {
            return null;
        }

        if (method.Name == "Dispose" && method.ReturnsVoid && Implements(declaring, KnownNames.Disposable))
        {
            return CallKind.DisposeAll;
        }

        return method.Name == "DisposeAsync" && method.ReturnType.ToDisplayString() == KnownNames.ValueTask && Implements(declaring, KnownNames.AsyncDisposable)
            ? CallKind.DisposeAllAsync
            : null;
    }

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

    private static IEnumerable<string> SplitNames(string typeParameters) =>
        typeParameters.Trim('<', '>').Split(new[] { ',', ' ' }, StringSplitOptions.RemoveEmptyEntries);

    private static bool Implements(INamedTypeSymbol type, string interfaceName) =>
        type.ToDisplayString() == interfaceName || type.AllInterfaces.Any(i => i.ToDisplayString() == interfaceName);

    /// <summary>
    /// <c>object? GetService(Type serviceType, object? serviceKey)</c> and its one-parameter form answer what a client is
    /// and wraps (Microsoft.Extensions.AI's pipeline builders call it while composing), not a request to the provider:
    /// they go to the primary and are never a failover attempt.
    /// </summary>
    private static bool IsServiceLookup(IMethodSymbol method) =>
        method.Name == "GetService"
        && method.ReturnType.SpecialType == SpecialType.System_Object
        && method.Parameters.Length is 1 or 2
        && FullMetadataName(method.Parameters[0].Type) == "System.Type";

    private static CallKind CallKindOf(IMethodSymbol method)
    {
        if (WrapRules.WhyPrimaryOnly(method) is not null || HasAttribute(method, KnownNames.NoFailoverAttribute) || IsServiceLookup(method))
        {
            return CallKind.Primary;
        }

        if (method.ReturnsVoid)
        {
            return CallKind.Void;
        }

        ITypeSymbol returnType = method.ReturnType;
        string name = returnType is INamedTypeSymbol named ? FullMetadataName(named.OriginalDefinition) : string.Empty;
        return name switch
        {
            KnownNames.Task => CallKind.Task,
            KnownNames.TaskOfT => CallKind.TaskOfT,
            KnownNames.ValueTask => CallKind.ValueTask,
            KnownNames.ValueTaskOfT => CallKind.ValueTaskOfT,

            KnownNames.AsyncEnumerableOfT => CallKind.Stream,
            _ => CallKind.Sync,
        };
    }

    private static EquatableArray<ParameterModel> ParseParameters(ImmutableArray<IParameterSymbol> parameters, TypeFormatter types, SignatureAttributes signatures, bool oblivious)
    {
        var models = new List<ParameterModel>(parameters.Length);
        bool tokenFound = false;
        foreach (IParameterSymbol parameter in parameters)
        {
            bool isToken = !tokenFound && parameter.RefKind == RefKind.None && FullMetadataName(parameter.Type) == KnownNames.CancellationToken;
            tokenFound |= isToken;
            string modifier = parameter.IsParams ? "params " : parameter.RefKind switch
            {
                RefKind.Ref => "ref ",
                RefKind.Out => "out ",
                RefKind.In => "in ",
                RefKind.RefReadOnlyParameter => "ref readonly ",
                _ => string.Empty,
            };
            string argumentModifier = parameter.RefKind switch
            {
                RefKind.Ref => "ref ",
                RefKind.Out => "out ",
                RefKind.In or RefKind.RefReadOnlyParameter => "in ",
                _ => string.Empty,
            };
            models.Add(new ParameterModel(
                Identifier(parameter.Name),
                types.Display(parameter.Type, oblivious),
                modifier,
                argumentModifier,
                parameter.HasExplicitDefaultValue ? DefaultValues.Format(parameter, types, oblivious) : null,
                isToken,
                signatures.ForParameter(parameter)));
        }

        return models.ToEquatableArray();
    }

    /// <summary>Adds the policy declared by <c>[FailoverOn]</c> attributes; returns its index, or -1 when none is declared.</summary>
    private static int AddPolicy(ImmutableArray<AttributeData> attributes, List<PolicyModel> policies)
    {
        var statusCodes = new SortedSet<int>();
        var reasons = new SortedSet<string>(StringComparer.Ordinal);
        bool declared = false;
        foreach (AttributeData attribute in attributes)
        {
            if (attribute.AttributeClass is null || attribute.AttributeClass.ToDisplayString() != KnownNames.FailoverOnAttribute)
            {
                continue;
            }

            declared = true;
            foreach (TypedConstant argument in attribute.ConstructorArguments)
            {
                IEnumerable<TypedConstant> values = argument.Kind == TypedConstantKind.Array ? argument.Values : new[] { argument };
                foreach (TypedConstant value in values)
                {
                    if (value.Kind == TypedConstantKind.Enum && value.Type is INamedTypeSymbol enumType && ReasonName(enumType, value.Value) is string reason)
                    {
                        reasons.Add(reason);
                    }
                    else if (value.Kind == TypedConstantKind.Primitive && value.Value is int status && status is >= 100 and <= 599)
                    {
                        // Out-of-range codes are reported by the analyzer; emitting them would throw at run time.
                        statusCodes.Add(status);
                    }
                }
            }
        }

        if (!declared)
        {
            return -1;
        }

        var policy = new PolicyModel(statusCodes.ToEquatableArray(), reasons.ToEquatableArray());
        int existing = policies.IndexOf(policy);
        if (existing >= 0)
        {
            return existing;
        }

        policies.Add(policy);
        return policies.Count - 1;
    }

    private static string? ReasonName(INamedTypeSymbol enumType, object? value) =>
        enumType.ToDisplayString() == KnownNames.FailoverReason
            ? enumType.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value))?.Name
            : null;

    private static string ClassNameOf(INamedTypeSymbol symbol, ImmutableArray<AttributeData> attributes)
    {
        foreach (AttributeData attribute in attributes)
        {
            if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string name && IsPlainIdentifier(name))
            {
                return name;
            }
        }

        return DefaultClassName(symbol);
    }

    private static string DefaultClassName(INamedTypeSymbol symbol)
    {
        string baseName = symbol.Name.Length > 1 && symbol.Name[0] == 'I' && char.IsUpper(symbol.Name[1]) ? symbol.Name.Substring(1) : symbol.Name;
        for (INamedTypeSymbol? container = symbol.ContainingType; container is not null; container = container.ContainingType)
        {
            // Nested interfaces get their containers' names so two nested IClient interfaces do not collide.
            baseName = container.Name + baseName;
        }

        return baseName + "Failover";
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

    private static bool HasAttribute(ISymbol symbol, string metadataName) =>
        symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == metadataName);

    /// <summary>Unresolved types anywhere in a signature would make the copy fail to compile too.</summary>
    private static bool HasErrors(ITypeSymbol type) => type switch
    {
        { TypeKind: TypeKind.Error } => true,
        INamedTypeSymbol named => named.TypeArguments.Any(HasErrors),
        IArrayTypeSymbol array => HasErrors(array.ElementType),
        IPointerTypeSymbol pointer => HasErrors(pointer.PointedAtType),
        _ => false,
    };

    /// <summary>True when the member was declared where nullable annotations are off.</summary>
    /// <summary>
    /// A member written without nullable annotations (in a <c>#nullable disable</c> block): one declared where
    /// annotations were off, or one whose <c>T?</c> on an unconstrained type parameter the consumer's language (before
    /// C# 9) cannot write.
    /// </summary>
    private static bool IsOblivious(ITypeSymbol type, TypeFormatter types) => type switch
    {
        _ when type.NullableAnnotation == NullableAnnotation.None && type.TypeKind != TypeKind.Pointer => true,
        ITypeParameterSymbol parameter when !types.UnconstrainedNullable && parameter.NullableAnnotation == NullableAnnotation.Annotated
            && !parameter.HasReferenceTypeConstraint && !parameter.HasValueTypeConstraint && !parameter.HasUnmanagedTypeConstraint
            && parameter.ConstraintTypes.IsEmpty => true,
        INamedTypeSymbol named => named.TypeArguments.Any(t => IsOblivious(t, types)),
        IArrayTypeSymbol array => IsOblivious(array.ElementType, types),
        _ => false,
    };

    private static string TypeParameterList(ImmutableArray<ITypeParameterSymbol> typeParameters) =>
        typeParameters.IsEmpty ? string.Empty : "<" + string.Join(", ", typeParameters.Select(t => Identifier(t.Name))) + ">";

    private static string RefPrefix(RefKind refKind) => refKind switch
    {
        RefKind.Ref => "ref ",
        RefKind.RefReadOnly => "ref readonly ",
        _ => string.Empty,
    };

    internal static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    private static string FullMetadataName(ITypeSymbol type)
    {
        string name = type.MetadataName;
        for (INamedTypeSymbol? container = type.ContainingType; container is not null; container = container.ContainingType)
        {
            name = container.MetadataName + "+" + name;
        }

        return type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + name : name;
    }

    /// <summary>
    /// A file-name-safe hint that stays unique: '_' is doubled before other characters become '_', so
    /// <c>N.Outer+IFoo</c> and <c>N.Outer_IFoo</c> do not meet (a duplicate hint name would fail the generator).
    /// </summary>
    private static string SanitizeHintName(string name) =>
        string.Concat(name.Select(c => c == '_' ? "__" : char.IsLetterOrDigit(c) || c == '.' ? c.ToString() : "_"));

    /// <summary>A valid C# identifier that is not a keyword (those would need an @ in a type name).</summary>
    private static bool IsPlainIdentifier(string name) =>
        SyntaxFacts.IsValidIdentifier(name) && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None && SyntaxFacts.GetContextualKeywordKind(name) is SyntaxKind.None;
}
