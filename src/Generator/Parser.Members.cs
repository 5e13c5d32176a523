using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using FailoverGen.Generator.Model;
using Microsoft.CodeAnalysis;
using FailoverGen.Shared;

namespace FailoverGen.Generator;

/// <summary>Interface members to member models: how each is called (through the chain, to the primary, disposed once) and how its signature is written.</summary>
internal static partial class Parser
{
    private static MemberModel? ParseMethod(IMethodSymbol method, TypeFormatter types, SignatureAttributes signatures, List<PolicyModel> policies, int interfacePolicy, string? declaringInterface)
    {
        if (method.Parameters.Any(p => HasErrors(p.Type)) || HasErrors(method.ReturnType))
        {
            return null;
        }

        int policy = AddPolicy(method.GetAttributes(), policies);
        bool oblivious = IsOblivious(method.ReturnType, types) || method.Parameters.Any(p => IsOblivious(p.Type, types));
        CallKind call = CallKindOf(method);
        EquatableArray<ParameterModel> parameters = ParseParameters(method.Parameters, types, signatures, oblivious);
        return new MethodModel(
            Identifier(method.Name),
            declaringInterface,
            oblivious,
            ReturnType: types.Display(method.ReturnType, oblivious),
            RefPrefix: RefPrefix(method.RefKind),
            Call: call,
            TypeParameters: TypeParameterList(method.TypeParameters),
            ConstraintClauses: types.ConstraintClauses(method.TypeParameters).ToEquatableArray(),
            Parameters: parameters,
            PolicyIndex: policy >= 0 ? policy : interfacePolicy)
        {
            ChatMessagesState = call == CallKind.Stream ? ChatMessagesState(method, parameters) : -1,
        };
    }

    /// <summary>
    /// For a stream of <c>ChatResponseUpdate</c>: the position, among the parameters the call's state carries (all but
    /// the caller's token), of the first <c>IEnumerable&lt;ChatMessage&gt;</c> parameter passed by value; -1 when there is none.
    /// </summary>
    private static int ChatMessagesState(IMethodSymbol method, EquatableArray<ParameterModel> parameters)
    {
        if (method.ReturnType is not INamedTypeSymbol { TypeArguments.Length: 1 } stream || !SymbolNames.Is(stream.TypeArguments[0], KnownNames.ChatResponseUpdate))
        {
            return -1;
        }

        int position = 0;
        for (int i = 0; i < method.Parameters.Length; i++)
        {
            if (parameters[i].IsCallerToken)
            {
                continue;
            }

            if (method.Parameters[i] is { RefKind: RefKind.None, Type: INamedTypeSymbol { TypeArguments.Length: 1 } sequence }
                && sequence.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T
                && SymbolNames.Is(sequence.TypeArguments[0], KnownNames.ChatMessage))
            {
                return position;
            }

            position++;
        }

        return -1;
    }

    private static MemberModel? ParseProperty(IPropertySymbol property, TypeFormatter types, SignatureAttributes signatures, int interfacePolicy, string? declaringInterface)
    {
        if (HasErrors(property.Type) || property.Parameters.Any(p => HasErrors(p.Type)))
        {
            return null;
        }

        bool oblivious = IsOblivious(property.Type, types) || property.Parameters.Any(p => IsOblivious(p.Type, types));
        bool primaryOnly = WrapRules.WhyPrimaryOnly(property) is not null || HasAttribute(property, KnownNames.NoFailoverAttribute);
        if (property.IsIndexer)
        {
            return new IndexerModel(
                declaringInterface,
                oblivious,
                Type: types.Display(property.Type, oblivious),
                RefPrefix: RefPrefix(property.RefKind),
                Parameters: ParseParameters(property.Parameters, types, signatures, oblivious),
                HasGetter: property.GetMethod is not null,
                HasSetter: property.SetMethod is not null);
        }

        return new PropertyModel(
            Identifier(property.Name),
            declaringInterface,
            oblivious,
            Type: types.Display(property.Type, oblivious),
            RefPrefix: RefPrefix(property.RefKind),
            PrimaryOnly: primaryOnly,
            HasGetter: property.GetMethod is not null,
            HasSetter: property.SetMethod is not null,
            InitOnly: property.SetMethod is { IsInitOnly: true },
            PolicyIndex: interfacePolicy);
    }

    private static MemberModel? ParseEvent(IEventSymbol @event, TypeFormatter types, string? declaringInterface)
    {
        if (HasErrors(@event.Type))
        {
            return null;
        }

        bool oblivious = IsOblivious(@event.Type, types);
        return new EventModel(Identifier(@event.Name), declaringInterface, oblivious, Type: types.Display(@event.Type, oblivious));
    }

    /// <summary>Disposing the wrapper disposes every provider, not just the first one that answers.</summary>
    /// <remarks>
    /// Also a <c>new void Dispose()</c> (or <c>new ValueTask DisposeAsync()</c>) that a derived interface re-declares:
    /// it means the same, and both share one implementation.
    /// </remarks>
    private static DisposeModel? DisposeOf(INamedTypeSymbol declaring, ISymbol member, string? declaringInterface)
    {
        if (member is not IMethodSymbol { Parameters.IsEmpty: true, TypeParameters.IsEmpty: true } method)
        {
            return null;
        }

        if (method.Name == "Dispose" && method.ReturnsVoid && Implements(declaring, KnownNames.Disposable))
        {
            return new DisposeModel(method.Name, declaringInterface, IsAsync: false);
        }

        return method.Name == "DisposeAsync" && SymbolNames.Is(method.ReturnType, KnownNames.ValueTask) && Implements(declaring, KnownNames.AsyncDisposable)
            ? new DisposeModel(method.Name, declaringInterface, IsAsync: true)
            : null;
    }

    private static bool Implements(INamedTypeSymbol type, string interfaceName) =>
        SymbolNames.Is(type, interfaceName) || type.AllInterfaces.Any(i => SymbolNames.Is(i, interfaceName));

    private static CallKind CallKindOf(IMethodSymbol method)
    {
        if (WrapRules.WhyPrimaryOnly(method) is not null || HasAttribute(method, KnownNames.NoFailoverAttribute) || WrapRules.IsServiceLookup(method))
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
            bool isToken = !tokenFound && parameter.RefKind == RefKind.None && SymbolNames.Is(parameter.Type, KnownNames.CancellationToken);
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
                signatures.ForParameter(parameter),
                parameter.RefKind == RefKind.None && IsCloneableAiOptions(parameter.Type)));
        }

        return models.ToEquatableArray();
    }

    /// <summary>
    /// A class of the Microsoft.Extensions.AI namespace named <c>…Options</c> with a public parameterless <c>Clone()</c>
    /// returning its own type: the mutable per-request options that MEAI middleware and providers are allowed to change.
    /// </summary>
    private static bool IsCloneableAiOptions(ITypeSymbol type) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Class } named
        && named.Name.EndsWith("Options", StringComparison.Ordinal)
        && SymbolNames.Is(named.ContainingNamespace, KnownNames.AiNamespace)
        && named.GetMembers("Clone").OfType<IMethodSymbol>().Any(clone =>
            clone.DeclaredAccessibility == Accessibility.Public
            && !clone.IsStatic
            && clone.Parameters.Length == 0
            && SymbolEqualityComparer.Default.Equals(clone.ReturnType.OriginalDefinition, named.OriginalDefinition));

    private static bool HasAttribute(ISymbol symbol, string metadataName) =>
        symbol.GetAttributes().Any(a => SymbolNames.Is(a.AttributeClass, metadataName));

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
}
