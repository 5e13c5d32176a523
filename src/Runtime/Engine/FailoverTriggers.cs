using System.Runtime.CompilerServices;

namespace FailoverGen;

/// <summary>
/// Configured failover triggers, combined with each member's policy: added to it, or used instead of it. Generated
/// wrappers keep one policy per distinct attribute set in a static field, so each combination is built once.
/// </summary>
internal sealed class FailoverTriggers
{
    private readonly int[] _statusCodes;
    private readonly FailoverReason[] _reasons;
    private readonly bool _replace;
    private readonly ConditionalWeakTable<FailoverPolicy, FailoverPolicy> _combined = new();
    private readonly ConditionalWeakTable<FailoverPolicy, FailoverPolicy>.CreateValueCallback _combine;

    public FailoverTriggers(int[] statusCodes, FailoverReason[] reasons, bool replace)
    {
        _statusCodes = statusCodes;
        _reasons = reasons;
        _replace = replace;
        _combine = Combine;
    }

    public FailoverPolicy Apply(FailoverPolicy policy) => _combined.GetValue(policy, _combine);

    private FailoverPolicy Combine(FailoverPolicy policy) => policy.WithTriggers(_statusCodes, _reasons, _replace);
}
