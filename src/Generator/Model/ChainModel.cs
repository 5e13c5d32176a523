namespace FailoverGen.Generator.Model;

/// <summary>Everything the emitter needs for one <c>[FallbackChain]</c> interface; no symbols, so it caches.</summary>
internal sealed record ChainModel(
    string? Namespace,
    string ClassName,
    string InterfaceType,
    bool IsPublic,
    string TypeParameters,
    EquatableArray<string> ConstraintClauses,
    string HintName,
    EquatableArray<PolicyModel> Policies,
    EquatableArray<MemberModel> Members,
    EquatableArray<string> CustomClassifiers,
    EmitOptions Options)
{
    /// <summary>Diagnostics the generated file suppresses: using the obsolete or experimental APIs the interface names.</summary>
    public EquatableArray<string> Suppressions { get; init; }

    /// <summary>A member uses pointer or function-pointer types, so the class is declared <c>unsafe</c>.</summary>
    public bool Unsafe { get; init; }

    /// <summary>The interface is Microsoft.Extensions.AI's <c>IChatClient</c>, which a <c>ChatClientBuilder</c> can compose.</summary>
    public bool IsChatClient { get; init; }
}
