using Microsoft.CodeAnalysis;

namespace FailoverGen.Shared;

/// <summary>
/// Compares a symbol with a fully qualified name without formatting the symbol. The generator re-reads every interface
/// after each edit in the IDE, and <c>ToDisplayString()</c> builds display parts and a string each time it is asked.
/// </summary>
internal static class SymbolNames
{
    /// <summary>
    /// True when <paramref name="symbol"/> is named <paramref name="fullName"/>: namespaces and containing types joined by
    /// dots, as <c>ToDisplayString()</c> writes a non-generic type (<c>System.Threading.CancellationToken</c>). A generic
    /// type never matches a name without its arity, as its display name (<c>IList&lt;T&gt;</c>) would not either.
    /// </summary>
    public static bool Is(ISymbol? symbol, string fullName)
    {
        int end = fullName.Length;
        for (ISymbol? current = symbol; current is not null; current = current.ContainingSymbol)
        {
            string name = current.MetadataName;
            int start = end - name.Length;
            if (start < 0 || string.CompareOrdinal(fullName, start, name, 0, name.Length) != 0)
            {
                return false;
            }

            if (current.ContainingSymbol is null or INamespaceSymbol { IsGlobalNamespace: true })
            {
                return start == 0;
            }

            if (start == 0 || fullName[start - 1] != '.')
            {
                return false;
            }

            end = start - 1;
        }

        return false;
    }
}
