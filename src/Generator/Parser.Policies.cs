using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using FailoverGen.Generator.Model;
using Microsoft.CodeAnalysis;
using FailoverGen.Shared;

namespace FailoverGen.Generator;

/// <summary>[FailoverOn] attributes to policy models, read at build time.</summary>
internal static partial class Parser
{
    /// <summary>Adds the policy declared by <c>[FailoverOn]</c> attributes; returns its index, or -1 when none is declared.</summary>
    private static int AddPolicy(ImmutableArray<AttributeData> attributes, List<PolicyModel> policies)
    {
        var statusCodes = new SortedSet<int>();
        var reasons = new SortedSet<string>(StringComparer.Ordinal);
        bool declared = false;
        foreach (AttributeData attribute in attributes)
        {
            if (!SymbolNames.Is(attribute.AttributeClass, KnownNames.FailoverOnAttribute))
            {
                continue;
            }

            declared = true;
            foreach (TypedConstant argument in attribute.ConstructorArguments)
            {
                Collect(argument, statusCodes, reasons);
            }
        }

        return declared ? Add(statusCodes, reasons, policies) : -1;
    }

    /// <summary>
    /// Adds the policy a <c>[FallbackChainFor]</c> declares with its <c>FailoverOnStatusCodes</c> and
    /// <c>FailoverOnReasons</c> (the interface is not ours to annotate); returns its index, or -1 when it declares none.
    /// </summary>
    private static int AddPolicy(AttributeData chainFor, List<PolicyModel> policies)
    {
        var statusCodes = new SortedSet<int>();
        var reasons = new SortedSet<string>(StringComparer.Ordinal);
        bool declared = false;
        foreach (KeyValuePair<string, TypedConstant> argument in chainFor.NamedArguments)
        {
            if (argument.Key is "FailoverOnStatusCodes" or "FailoverOnReasons" && !argument.Value.IsNull)
            {
                declared = true;
                Collect(argument.Value, statusCodes, reasons);
            }
        }

        return declared ? Add(statusCodes, reasons, policies) : -1;
    }

    private static void Collect(TypedConstant argument, SortedSet<int> statusCodes, SortedSet<string> reasons)
    {
        IEnumerable<TypedConstant> values = argument.Kind == TypedConstantKind.Array ? argument.Values : new[] { argument };
        foreach (TypedConstant value in values)
        {
            if (value.Kind == TypedConstantKind.Enum && value.Type is INamedTypeSymbol enumType && ReasonNames.Of(enumType, value.Value) is string reason)
            {
                reasons.Add(reason);
            }
            else if (value.Kind == TypedConstantKind.Primitive && value.Value is int status && HttpStatuses.IsHttpStatus(status))
            {
                // Out-of-range codes are reported by the analyzer; emitting them would throw at run time.
                statusCodes.Add(status);
            }
        }
    }

    private static int Add(SortedSet<int> statusCodes, SortedSet<string> reasons, List<PolicyModel> policies)
    {
        var policy = new PolicyModel(statusCodes.ToEquatableArray(), reasons.ToEquatableArray());
        int existing = policies.IndexOf(policy);
        if (existing >= 0)
        {
            return existing;
        }

        policies.Add(policy);
        return policies.Count - 1;
    }
}
