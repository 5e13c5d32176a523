namespace FailoverGen.Generator.Model;

/// <summary>
/// One interface member to implement. The kind of member decides how (see the derived records); what every kind has
/// is here.
/// </summary>
/// <param name="Name">The member's name as written in C# (keywords escaped).</param>
/// <param name="DeclaringInterface">For inherited members, the base interface they are called through (a cast keeps members
/// inherited from several bases unambiguous); null for the interface's own.</param>
/// <param name="Oblivious">Written in a <c>#nullable disable</c> block: declared without annotations, or using an
/// unconstrained <c>T?</c> the consumer's language cannot write.</param>
internal abstract record MemberModel(string Name, string? DeclaringInterface, bool Oblivious)
{
    /// <summary>Implemented explicitly, because an implicit member would clash with one already written.</summary>
    public bool Explicit { get; init; }

    /// <summary>Attribute lines repeated from the interface member (return nullability, an error-level obsolete).</summary>
    public EquatableArray<string> Attributes { get; init; }
}

/// <summary>A method: called through the chain with the engine entry point <paramref name="Call"/> names, or on the primary.</summary>
/// <param name="ReturnType">The return type as written.</param>
/// <param name="RefPrefix">"ref " or "ref readonly " for by-reference returns, otherwise "".</param>
/// <param name="Call">Which engine entry point the method goes through, or <see cref="CallKind.Primary"/>.</param>
/// <param name="TypeParameters">The method's type-parameter list, e.g. "&lt;T&gt;", or "".</param>
/// <param name="ConstraintClauses">Its <c>where</c> clauses, repeated on implicit implementations.</param>
/// <param name="Parameters">Its parameters as written in the implementation.</param>
/// <param name="PolicyIndex">The static policy field it passes, or -1 for the default policy.</param>
internal sealed record MethodModel(
    string Name,
    string? DeclaringInterface,
    bool Oblivious,
    string ReturnType,
    string RefPrefix,
    CallKind Call,
    string TypeParameters,
    EquatableArray<string> ConstraintClauses,
    EquatableArray<ParameterModel> Parameters,
    int PolicyIndex)
    : MemberModel(Name, DeclaringInterface, Oblivious)
{
    /// <summary>
    /// A stream of Microsoft.Extensions.AI chat updates asked for with chat messages: the position of the
    /// <c>IEnumerable&lt;ChatMessage&gt;</c> parameter among those the call's state carries, so that an answer broken
    /// off can be continued on another provider with the text delivered as an assistant message; -1 otherwise.
    /// </summary>
    public int ChatMessagesState { get; init; } = -1;
}

/// <summary>A property: the getter fails over (or goes to the primary), the setter reaches every provider.</summary>
/// <param name="Type">The property type as written.</param>
/// <param name="RefPrefix">"ref " or "ref readonly " for by-reference properties, otherwise "".</param>
/// <param name="PrimaryOnly">Both accessors go to the primary ([NoFailover], by-reference, ref struct or pointer type).</param>
/// <param name="HasGetter">The interface declares a getter.</param>
/// <param name="HasSetter">The interface declares a setter or <c>init</c> accessor.</param>
/// <param name="InitOnly">The setter is <c>init</c>: it cannot reach providers that already exist, so the wrapper says so when used.</param>
/// <param name="PolicyIndex">The static policy field the getter passes, or -1 for the default policy.</param>
internal sealed record PropertyModel(
    string Name,
    string? DeclaringInterface,
    bool Oblivious,
    string Type,
    string RefPrefix,
    bool PrimaryOnly,
    bool HasGetter,
    bool HasSetter,
    bool InitOnly,
    int PolicyIndex)
    : MemberModel(Name, DeclaringInterface, Oblivious);

/// <summary>An indexer: always forwarded to the primary, since its arguments select one provider's element.</summary>
/// <param name="Type">The element type as written.</param>
/// <param name="RefPrefix">"ref " or "ref readonly " for by-reference indexers, otherwise "".</param>
/// <param name="Parameters">The index parameters.</param>
/// <param name="HasGetter">The interface declares a getter.</param>
/// <param name="HasSetter">The interface declares a setter.</param>
internal sealed record IndexerModel(
    string? DeclaringInterface,
    bool Oblivious,
    string Type,
    string RefPrefix,
    EquatableArray<ParameterModel> Parameters,
    bool HasGetter,
    bool HasSetter)
    : MemberModel("this", DeclaringInterface, Oblivious);

/// <summary>An event: subscriptions reach every provider.</summary>
/// <param name="Type">The delegate type as written.</param>
internal sealed record EventModel(string Name, string? DeclaringInterface, bool Oblivious, string Type)
    : MemberModel(Name, DeclaringInterface, Oblivious);

/// <summary><c>Dispose</c> or <c>DisposeAsync</c>: every provider is disposed once.</summary>
/// <param name="IsAsync">It is <c>DisposeAsync</c>.</param>
internal sealed record DisposeModel(string Name, string? DeclaringInterface, bool IsAsync)
    : MemberModel(Name, DeclaringInterface, Oblivious: false);

/// <summary>The engine entry point a method goes through, or <see cref="Primary"/> when it cannot fail over safely.</summary>
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
}
