using System;

namespace FailoverGen;

/// <summary>
/// Declares which failures move a call to the next provider: HTTP status codes, <see cref="FailoverReason"/>
/// values, or both (<c>[FailoverOn(429, FailoverReason.Quota)]</c>). Several may be applied; their sets are
/// combined. On an interface it is the default for every member; on a method it replaces the interface's set.
/// Without any <see cref="FailoverOnAttribute"/> every reason that is fallback-safe by default is used.
/// </summary>
[AttributeUsage(AttributeTargets.Interface | AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class FailoverOnAttribute : Attribute
{
    /// <summary>Fail over on these HTTP status codes.</summary>
    public FailoverOnAttribute(params int[] statusCodes)
    {
        StatusCodes = statusCodes ?? Array.Empty<int>();
        Reasons = Array.Empty<FailoverReason>();
    }

    /// <summary>Fail over on these reasons.</summary>
    public FailoverOnAttribute(params FailoverReason[] reasons)
    {
        StatusCodes = Array.Empty<int>();
        Reasons = reasons ?? Array.Empty<FailoverReason>();
    }

    /// <summary>Fail over on this HTTP status code and these reasons.</summary>
    public FailoverOnAttribute(int statusCode, params FailoverReason[] reasons)
    {
        StatusCodes = new[] { statusCode };
        Reasons = reasons ?? Array.Empty<FailoverReason>();
    }

    /// <summary>The HTTP status codes that trigger failover.</summary>
    public int[] StatusCodes { get; }

    /// <summary>The reasons that trigger failover.</summary>
    public FailoverReason[] Reasons { get; }
}
