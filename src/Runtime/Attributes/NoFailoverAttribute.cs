using System;

namespace FailoverGen;

/// <summary>
/// The generated wrapper sends calls to this member to the primary provider only, without retries
/// or failover (for example account or usage queries that only make sense for one provider).
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class NoFailoverAttribute : Attribute
{
}
