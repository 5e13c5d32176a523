using System;

namespace FailoverGen;

/// <summary>
/// What a chain's settings resolve to, by provider position: the options in effect, the order, and each provider's
/// group, retries and attempt timeout. Made from the code alone, or from the code with configuration on top.
/// </summary>
internal sealed class ChainLayout
{
    public ChainLayout(FallbackChainOptions options, int[] order, string?[] groups, int?[] maxRetryAttempts, TimeSpan?[] attemptTimeouts, FailoverTriggers? triggers)
    {
        Options = options;
        Order = order;
        Groups = groups;
        MaxRetryAttempts = maxRetryAttempts;
        AttemptTimeouts = attemptTimeouts;
        Triggers = triggers;
    }

    public FallbackChainOptions Options { get; }

    /// <summary>The enabled providers' positions, primary first.</summary>
    public int[] Order { get; }

    public string?[] Groups { get; }

    /// <summary>Per provider, retries overriding <see cref="ProviderRetryOptions.MaxRetryAttempts"/>; null keeps it.</summary>
    public int?[] MaxRetryAttempts { get; }

    /// <summary>Per provider, an attempt timeout overriding <see cref="FallbackChainOptions.AttemptTimeout"/>; null keeps it.</summary>
    public TimeSpan?[] AttemptTimeouts { get; }

    public FailoverTriggers? Triggers { get; }

    /// <summary>The layout the code alone describes: every provider in registration order, with the groups given in code.</summary>
    public static ChainLayout FromCode(FallbackChainOptions options, string?[] groups)
    {
        var order = new int[groups.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        return new ChainLayout(options, order, groups, new int?[groups.Length], new TimeSpan?[groups.Length], triggers: null);
    }
}
