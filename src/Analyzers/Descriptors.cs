using Microsoft.CodeAnalysis;

namespace FailoverGen.Analyzers;

/// <summary>Every diagnostic FailoverGen reports, each with a help page under docs/diagnostics.</summary>
internal static class Descriptors
{
    private const string Usage = "FailoverGen.Usage";
    private const string ErrorHandling = "FailoverGen.ErrorHandling";
    private const string HelpLinkBase = "https://github.com/FailoverGen/FailoverGen/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor InvalidStatusCode = Create(
        DiagnosticIds.InvalidStatusCode,
        "FailoverOn status code is not an HTTP status",
        "{0} is not an HTTP status code: [FailoverOn] takes codes from 100 to 599, so this value never matches a failure",
        Usage,
        DiagnosticSeverity.Error,
        "Status codes outside 100-599 cannot come from a provider's response. The generated wrapper leaves them out of its policy.");

    public static readonly DiagnosticDescriptor NotFallbackSafeStatusCode = Create(
        DiagnosticIds.NotFallbackSafeStatusCode,
        "FailoverOn status code is not fallback-safe",
        "{0} means the request itself is invalid: every provider will reject it the same way, so failing over only repeats the failure and hides it",
        Usage,
        DiagnosticSeverity.Warning,
        "Bad requests (400, 405, 409, 411, 413, 415, 422) are rethrown unchanged by default. Opt in to a specific reason such as FailoverReason.ContextOverflow instead.");

    public static readonly DiagnosticDescriptor DuplicateFailoverOn = Create(
        DiagnosticIds.DuplicateFailoverOn,
        "FailoverOn value listed twice",
        "{0} is already listed in a [FailoverOn] attribute on '{1}'",
        Usage,
        DiagnosticSeverity.Warning,
        "A duplicate has no effect and usually means a different value was meant.");

    public static readonly DiagnosticDescriptor OutageNotFailedOver = Create(
        DiagnosticIds.OutageNotFailedOver,
        "FailoverOn leaves out an outage",
        "The [FailoverOn] set on '{0}' leaves out {1}: a provider that is down that way is rethrown instead of failed over",
        Usage,
        DiagnosticSeverity.Info,
        "A [FailoverOn] set replaces the default policy. Providers go down by refusing connections (Network), by not answering in time (Timeout) and with 5xx statuses (ServerError); a set without them rethrows those outages.");

    public static readonly DiagnosticDescriptor EmptyFallbackChain = Create(
        DiagnosticIds.EmptyFallbackChain,
        "FallbackChain interface has no members",
        "'{0}' has no members to fail over: the generated wrapper would do nothing",
        Usage,
        DiagnosticSeverity.Warning,
        "Add the provider operations to the interface, or remove [FallbackChain].");

    public static readonly DiagnosticDescriptor PrimaryOnlyMember = Create(
        DiagnosticIds.PrimaryOnlyMember,
        "Member is forwarded to the primary only",
        "'{0}' cannot fail over ({1}): the generated wrapper forwards it to the primary provider only",
        Usage,
        DiagnosticSeverity.Info,
        "ref/out parameters, ref struct or pointer parameters or returns, ref returns and indexers cannot be replayed on another provider.");

    public static readonly DiagnosticDescriptor NoFailoverWithoutEffect = Create(
        DiagnosticIds.NoFailoverWithoutEffect,
        "NoFailover has no effect here",
        "[NoFailover] on '{0}' has no effect: '{1}' is not a [FallbackChain] interface",
        Usage,
        DiagnosticSeverity.Warning,
        "[NoFailover] only changes how a generated failover wrapper implements a member.");

    public static readonly DiagnosticDescriptor InvalidClassifierType = Create(
        DiagnosticIds.InvalidClassifierType,
        "FailoverClassifier type cannot be used",
        "'{0}' cannot be used as a failover classifier: {1}; the generated wrapper ignores it",
        Usage,
        DiagnosticSeverity.Error,
        "A classifier type must be a non-abstract class that implements FailoverGen.IFailoverClassifier and has an accessible parameterless constructor.");

    public static readonly DiagnosticDescriptor InvalidClassName = Create(
        DiagnosticIds.InvalidClassName,
        "FallbackChain class name is not an identifier",
        "'{0}' is not a valid C# class name; the wrapper is generated with the default name instead",
        Usage,
        DiagnosticSeverity.Error,
        "The name given to [FallbackChain] becomes the generated class's name.");

    public static readonly DiagnosticDescriptor StaticAbstractMembers = Create(
        DiagnosticIds.StaticAbstractMembers,
        "Interface with static abstract members cannot be wrapped",
        "'{0}' has static abstract members, which an instance that forwards to other instances cannot implement: no failover wrapper is generated for it",
        Usage,
        DiagnosticSeverity.Warning,
        "Move the static abstract members to another interface and put [FallbackChain] on the one with the instance members.");

    public static readonly DiagnosticDescriptor UnreachableInterface = Create(
        DiagnosticIds.UnreachableInterface,
        "Interface is out of reach of generated code",
        "'{0}' is {1}: the generated wrapper, which lives in its own file at namespace level, cannot refer to it, so none is generated",
        Usage,
        DiagnosticSeverity.Warning,
        "Make the interface internal or public, and not file-local, so the generated wrapper can implement it.");

    public static readonly DiagnosticDescriptor OpenGenericChainFor = Create(
        DiagnosticIds.OpenGenericChainFor,
        "FallbackChainFor needs a closed interface type",
        "typeof({0}) leaves type parameters open: name the type arguments, e.g. typeof(IEmbeddingGenerator<string, Embedding<float>>); no wrapper is generated for it",
        Usage,
        DiagnosticSeverity.Warning,
        "[assembly: FallbackChainFor] wraps one concrete interface; each closed form you use needs its own attribute.");

    public static readonly DiagnosticDescriptor PointerMembersNeedUnsafe = Create(
        DiagnosticIds.PointerMembersNeedUnsafe,
        "Interface with pointer members needs unsafe code",
        "'{0}' has members with pointer types, which generated code can only implement in an unsafe context: set <AllowUnsafeBlocks>true</AllowUnsafeBlocks> in the project; no wrapper is generated until then",
        Usage,
        DiagnosticSeverity.Warning,
        "Pointer and function-pointer members are forwarded to the primary provider; the wrapper that does so must be compiled with unsafe code allowed.");

    public static readonly DiagnosticDescriptor SwallowedFailover = Create(
        DiagnosticIds.SwallowedFailover,
        "Catch block swallows an error that failover needs",
        "This catch of '{0}' can swallow a rate limit, quota or outage error: the failover chain never sees it and cannot move to the next provider",
        ErrorHandling,
        DiagnosticSeverity.Warning,
        "Code that implements a [FallbackChain] interface must let fallback-eligible errors reach the generated wrapper: rethrow them, or filter them out with 'when (!FailoverErrors.IsFailoverEligible(ex))'.");

    public static readonly DiagnosticDescriptor StatusLost = Create(
        DiagnosticIds.StatusLost,
        "New exception drops the provider error",
        "'{0}' is thrown without the caught exception as its inner exception: its status code and retry hint are lost, so failover cannot classify it",
        ErrorHandling,
        DiagnosticSeverity.Warning,
        "Pass the caught exception as the inner exception so the chain can still read the provider's status and retry hint.");

    public static readonly DiagnosticDescriptor SameProviderRetry = Create(
        DiagnosticIds.SameProviderRetry,
        "Loop retries the same provider after a possible rate limit",
        "This loop retries the same call after catching '{0}', which may be a rate limit: healthy fallbacks wait while a rate-limited provider is retried",
        ErrorHandling,
        DiagnosticSeverity.Warning,
        "Let the error reach the failover chain: it retries transient errors on the same provider and moves on at once from rate limits and quotas.");

    private static DiagnosticDescriptor Create(string id, string title, string message, string category, DiagnosticSeverity severity, string description) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, description, HelpLinkBase + id + ".md");
}
