using System;
using System.Collections.Generic;

namespace FailoverGen;

/// <summary>
/// The set of failures that move a call to the next provider. Generated wrappers build one per distinct
/// <see cref="FailoverOnAttribute"/> set at compile time and keep it in a static field, so no attribute
/// is read at run time.
/// </summary>
public sealed class FailoverPolicy
{
    private readonly int[] _statusCodes;
    private readonly uint _reasonMask;
    private readonly IFailoverClassifier? _classifier;

    /// <summary>The policy used when an interface declares no <see cref="FailoverOnAttribute"/>: every fallback-safe reason.</summary>
    public static FailoverPolicy Default { get; } = CreateDefault();

    /// <summary>Creates a policy from explicit status codes and reasons.</summary>
    /// <param name="statusCodes">HTTP status codes, each between 100 and 599.</param>
    /// <param name="reasons">Failover reasons.</param>
    /// <exception cref="ArgumentOutOfRangeException">A status code is not an HTTP status or a reason is not defined.</exception>
    public FailoverPolicy(IEnumerable<int>? statusCodes, IEnumerable<FailoverReason>? reasons)
    {
        var codes = new List<int>();
        foreach (int code in statusCodes ?? Array.Empty<int>())
        {
            if (code is < 100 or > 599)
            {
                throw new ArgumentOutOfRangeException(nameof(statusCodes), code, $"{code} is not an HTTP status code: use a value between 100 and 599.");
            }

            if (!codes.Contains(code))
            {
                codes.Add(code);
            }
        }

        foreach (FailoverReason reason in reasons ?? Array.Empty<FailoverReason>())
        {
            if (reason is < FailoverReason.Unknown or > FailoverReason.Canceled)
            {
                throw new ArgumentOutOfRangeException(nameof(reasons), reason, $"{(int)reason} is not a defined {nameof(FailoverReason)}.");
            }

            _reasonMask |= Bit(reason);
        }

        _statusCodes = codes.ToArray();
    }

    private FailoverPolicy(int[] statusCodes, uint reasonMask, IFailoverClassifier? classifier)
    {
        _statusCodes = statusCodes;
        _reasonMask = reasonMask;
        _classifier = classifier;
    }

    /// <summary>
    /// A classifier that knows the interface's own exception types (generated for the SDKs the project references,
    /// plus any <see cref="FailoverClassifierAttribute"/>). It runs after <see cref="FallbackChainOptions.Classifiers"/>
    /// and before the built-in rules.
    /// </summary>
    public IFailoverClassifier? Classifier => _classifier;

    /// <summary>The same policy with <paramref name="classifier"/> attached.</summary>
    public FailoverPolicy WithClassifier(IFailoverClassifier classifier) =>
        new(_statusCodes, _reasonMask, classifier ?? throw new ArgumentNullException(nameof(classifier)));

    /// <summary>
    /// This policy with configured triggers added (or, with <paramref name="replace"/>, instead of its own status codes
    /// and reasons); the classifier stays, since it knows the interface's exception types either way.
    /// </summary>
    internal FailoverPolicy WithTriggers(int[] statusCodes, FailoverReason[] reasons, bool replace)
    {
        var codes = new List<int>(replace ? Array.Empty<int>() : _statusCodes);
        foreach (int code in statusCodes)
        {
            if (!codes.Contains(code))
            {
                codes.Add(code);
            }
        }

        uint mask = replace ? 0 : _reasonMask;
        foreach (FailoverReason reason in reasons)
        {
            mask |= Bit(reason);
        }

        return new FailoverPolicy(codes.ToArray(), mask, _classifier);
    }

    /// <summary>The status codes of this policy.</summary>
    public IReadOnlyList<int> StatusCodes => _statusCodes;

    /// <summary>True when <see cref="FailoverReason.Unknown"/> was listed explicitly, so unknown errors always fail over.</summary>
    public bool IncludesUnknown => (_reasonMask & Bit(FailoverReason.Unknown)) != 0;

    /// <summary>True when this reason is in the policy.</summary>
    public bool Contains(FailoverReason reason) => (_reasonMask & Bit(reason)) != 0;

    /// <summary>True when the failure's reason or status code is in the policy.</summary>
    public bool Matches(in FailureClassification failure)
    {
        if (Contains(failure.Reason))
        {
            return true;
        }

        if (failure.StatusCode is int status)
        {
            foreach (int code in _statusCodes)
            {
                if (code == status)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static uint Bit(FailoverReason reason) => 1u << (int)reason;

    private static FailoverPolicy CreateDefault()
    {
        uint mask = 0;
        for (var reason = FailoverReason.Unknown; reason <= FailoverReason.Canceled; reason++)
        {
            if (reason.IsFailoverSafeByDefault())
            {
                mask |= Bit(reason);
            }
        }

        return new FailoverPolicy(Array.Empty<int>(), mask, classifier: null);
    }
}
