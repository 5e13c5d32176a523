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
    string? DeclaringInterface)
{
    /// <summary>Implemented explicitly, because an implicit member would clash with one already written.</summary>
    public bool Explicit { get; init; }

    /// <summary>Attribute lines repeated from the interface member (return nullability, an error-level obsolete).</summary>
    public EquatableArray<string> Attributes { get; init; }

    /// <summary>The setter is <c>init</c>: it cannot reach providers that already exist, so the wrapper says so when used.</summary>
    public bool InitOnly { get; init; }
}

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
