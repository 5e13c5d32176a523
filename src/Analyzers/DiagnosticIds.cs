namespace FailoverGen.Analyzers;

/// <summary>Diagnostic IDs: FG0xxx for attribute usage, FG1xxx for error handling in code.</summary>
public static class DiagnosticIds
{
    /// <summary>A <c>[FailoverOn]</c> status code is not an HTTP status.</summary>
    public const string InvalidStatusCode = "FG0001";

    /// <summary>A <c>[FailoverOn]</c> status code means a bad request, which fails the same way on every provider.</summary>
    public const string NotFallbackSafeStatusCode = "FG0002";

    /// <summary>A status code or reason is listed more than once for the same interface or method.</summary>
    public const string DuplicateFailoverOn = "FG0003";

    /// <summary>A <c>[FallbackChain]</c> interface has no members to fail over.</summary>
    public const string EmptyFallbackChain = "FG0004";

    /// <summary>A member of a <c>[FallbackChain]</c> interface can only be forwarded to the primary.</summary>
    public const string PrimaryOnlyMember = "FG0005";

    /// <summary><c>[NoFailover]</c> on a member of an interface that is not a fallback chain.</summary>
    public const string NoFailoverWithoutEffect = "FG0006";

    /// <summary>A <c>[FailoverClassifier]</c> type cannot be created by the generated wrapper.</summary>
    public const string InvalidClassifierType = "FG0007";

    /// <summary>The class name given to <c>[FallbackChain]</c> is not a C# identifier.</summary>
    public const string InvalidClassName = "FG0008";
    public const string StaticAbstractMembers = "FG0009";
    public const string UnreachableInterface = "FG0010";
    public const string OpenGenericChainFor = "FG0011";
    public const string PointerMembersNeedUnsafe = "FG0012";

    /// <summary>A <c>[FailoverOn]</c> set leaves out network failures, timeouts or server errors: outages are rethrown.</summary>
    public const string OutageNotFailedOver = "FG0013";

    /// <summary>A catch block swallows an error the failover chain needs to see.</summary>
    public const string SwallowedFailover = "FG1001";

    /// <summary>A catch block throws a new exception without the caught one, losing status and retry hint.</summary>
    public const string StatusLost = "FG1002";

    /// <summary>A loop retries the same client after an error that may be a rate limit.</summary>
    public const string SameProviderRetry = "FG1003";
}
