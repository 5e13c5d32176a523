using Microsoft.CodeAnalysis;

namespace FailoverGen.Shared;

/// <summary>The <c>FailoverReason</c> member a constant in an attribute argument stands for, read the same way by the generator and the analyzers.</summary>
internal static class ReasonNames
{
    /// <summary>The member name, or null when <paramref name="enumType"/> is not FailoverReason or no member has that value.</summary>
    public static string? Of(ITypeSymbol enumType, object? value)
    {
        if (!SymbolNames.Is(enumType, KnownNames.FailoverReason))
        {
            return null;
        }

        foreach (ISymbol member in enumType.GetMembers())
        {
            if (member is IFieldSymbol { HasConstantValue: true } field && Equals(field.ConstantValue, value))
            {
                return field.Name;
            }
        }

        return null;
    }
}
