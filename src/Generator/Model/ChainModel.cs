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
    ClassifierModel? Classifier,
    bool DependencyInjection,
    EmitOptions Options)
{
    /// <summary>Diagnostics the generated file suppresses: using the obsolete or experimental APIs the interface names.</summary>
    public EquatableArray<string> Suppressions { get; init; }

    /// <summary>A member uses pointer or function-pointer types, so the class is declared <c>unsafe</c>.</summary>
    public bool Unsafe { get; init; }

    /// <summary>The interface is <c>IChatClient</c> and the project has <c>ChatClientBuilder</c>: a <c>UseFailover</c> extension is written.</summary>
    public bool ChatClientBuilder { get; init; }

    /// <summary>
    /// The project has <c>IConfiguration</c> and a runtime with <c>AddFailoverSettings</c>: the dependency injection
    /// method gets an overload that binds the chain's settings from a configuration section.
    /// </summary>
    public bool Configuration { get; init; }
}
