using System;
using System.Collections.Generic;
using System.Threading;

namespace FailoverGen;

/// <summary>
/// Runs the calls made inside it, and in everything they await, with another provider order or a subset of the chain:
/// <code>
/// using (FailoverScope.Use("groq/llama-3.1-8b", "openai/gpt-4o-mini"))   // only the cheap ones, in this order
/// {
///     await summarizer.SummarizeAsync(backlog);
/// }
/// </code>
/// The chain is the same one: cooldowns, health and probes are shared with every other call. Scopes nest; the inner
/// one applies until it is disposed. A scope given a chain name applies to that chain only; one without applies to
/// every chain called inside it, and each of its providers must then be in each of those chains.
/// </summary>
public sealed class FailoverScope : IDisposable
{
    private static readonly AsyncLocal<FailoverScope?> CurrentScope = new();

    /// <summary>How many scopes are open in the process: while none is, calls do not even look for one.</summary>
    private static int s_open;

    private readonly FailoverScope? _outer;
    private readonly object _gate = new();
    private readonly List<KeyValuePair<object, int[]>> _orders = new();
    private int _disposed;

    private FailoverScope(string[] providers, string? chain)
    {
        Providers = providers;
        Chain = chain;
        _outer = CurrentScope.Value;
    }

    /// <summary>The provider names calls inside the scope use, in order.</summary>
    public IReadOnlyList<string> Providers { get; }

    /// <summary>The chain the scope applies to (<see cref="FallbackChainOptions.Name"/>), or null for every chain.</summary>
    public string? Chain { get; }

    /// <summary>The innermost scope open in this async flow, if any.</summary>
    public static FailoverScope? Current => Volatile.Read(ref s_open) == 0 ? null : CurrentScope.Value;

    /// <summary>Opens a scope in which every chain uses only <paramref name="providers"/>, in that order.</summary>
    /// <exception cref="ArgumentException">No provider, a blank name, or a name listed twice.</exception>
    public static FailoverScope Use(params string[] providers) => Open(providers, chain: null);

    /// <summary>Opens a scope in which the chain named <paramref name="chain"/> uses only <paramref name="providers"/>, in that order.</summary>
    /// <exception cref="ArgumentException">A blank chain name, no provider, a blank name, or a name listed twice.</exception>
    public static FailoverScope Use(string chain, IEnumerable<string> providers)
    {
        if (string.IsNullOrWhiteSpace(chain))
        {
            throw new ArgumentException("The chain name is blank: pass the chain's FallbackChainOptions.Name, or use FailoverScope.Use(providers) for every chain.", nameof(chain));
        }

        return Open(new List<string>(providers ?? throw new ArgumentNullException(nameof(providers))).ToArray(), chain);
    }

    /// <summary>Closes the scope: calls go back to the scope around it, or to the chain's own order.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            CurrentScope.Value = _outer;
            Interlocked.Decrement(ref s_open);
        }
    }

    /// <summary>
    /// This scope's order as provider positions of <paramref name="chain"/>, or null when the scope does not apply to
    /// it. Worked out once per chain: a scope usually serves many calls.
    /// </summary>
    internal int[]? OrderFor(object chain, string chainName, IReadOnlyList<string> names)
    {
        if (Chain is not null && !string.Equals(Chain, chainName, StringComparison.Ordinal))
        {
            return _outer?.OrderFor(chain, chainName, names);
        }

        lock (_gate)
        {
            foreach (KeyValuePair<object, int[]> known in _orders)
            {
                if (ReferenceEquals(known.Key, chain))
                {
                    return known.Value;
                }
            }

            int[] order = Resolve(chainName, names);
            _orders.Add(new KeyValuePair<object, int[]>(chain, order));
            return order;
        }
    }

    private static FailoverScope Open(string[] providers, string? chain)
    {
        if (providers is null || providers.Length == 0)
        {
            throw new ArgumentException("A failover scope needs at least one provider name.", nameof(providers));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string provider in providers)
        {
            if (string.IsNullOrWhiteSpace(provider))
            {
                throw new ArgumentException("A provider name in the failover scope is blank.", nameof(providers));
            }

            if (!seen.Add(provider))
            {
                throw new ArgumentException($"'{provider}' is listed twice in the failover scope: each provider is tried once per call.", nameof(providers));
            }
        }

        var scope = new FailoverScope((string[])providers.Clone(), chain);
        Interlocked.Increment(ref s_open);
        CurrentScope.Value = scope;
        return scope;
    }

    private int[] Resolve(string chainName, IReadOnlyList<string> names)
    {
        var order = new int[Providers.Count];
        for (int i = 0; i < order.Length; i++)
        {
            int index = -1;
            for (int j = 0; j < names.Count; j++)
            {
                if (string.Equals(names[j], Providers[i], StringComparison.Ordinal))
                {
                    index = j;
                    break;
                }
            }

            if (index < 0)
            {
                throw new ArgumentException(
                    $"The failover scope names '{Providers[i]}', which is not a provider of the chain '{chainName}' ({string.Join(", ", names)}). "
                    + "Use a provider name from that chain, or give the scope a chain name so it applies to one chain only.");
            }

            order[i] = index;
        }

        return order;
    }
}
