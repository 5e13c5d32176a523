namespace FailoverGen.Generator.Model;

/// <summary>
/// One interface member to implement. <see cref="Call"/> says how: through the chain, to the primary only,
/// or (properties) per accessor. <see cref="DeclaringInterface"/> is set for inherited members, which are
/// called through a cast so that members inherited from several bases are never ambiguous.
/// </summary>
internal sealed record MemberModel(
    MemberKind Kind,
    string Name,
    string ReturnType,
    CallKind Call,
    string TypeParameters,
    EquatableArray<string> ConstraintClauses,
    EquatableArray<ParameterModel> Parameters,
    int PolicyIndex,
    bool HasGetter,
    bool HasSetter,
    bool Oblivious,
    string RefPrefix,
    string? DeclaringInterface);

internal enum MemberKind
{
    Method,
    Property,
    Indexer,
    Event,
}

/// <summary>The engine entry point a member goes through, or <see cref="Primary"/> when it cannot fail over safely.</summary>
internal enum CallKind
{
    Primary,
    TaskOfT,
    Task,
    ValueTaskOfT,
    ValueTask,
    Sync,
    Void,
    Stream,
    DisposeAll,
    DisposeAllAsync,
}
