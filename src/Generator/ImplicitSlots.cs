using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace FailoverGen.Generator;

/// <summary>
/// The public members the wrapper already declares. A class cannot have two methods with the same parameters, nor a
/// method and a property (or event) with the same name: such a member must be implemented explicitly instead.
/// </summary>
internal sealed class ImplicitSlots
{
    private readonly HashSet<string> _methods = new(StringComparer.Ordinal);
    private readonly HashSet<string> _methodNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _otherNames = new(StringComparer.Ordinal);

    /// <summary>Takes the slot for <paramref name="member"/>; false when it is already taken.</summary>
    public bool TryTake(ISymbol member, string signature)
    {
        if (member is IMethodSymbol)
        {
            if (_otherNames.Contains(member.Name) || !_methods.Add(signature))
            {
                return false;
            }

            _methodNames.Add(member.Name);
            return true;
        }

        string name = member is IPropertySymbol { IsIndexer: true } ? signature : member.Name;
        return !_methodNames.Contains(name) && _otherNames.Add(name);
    }
}
