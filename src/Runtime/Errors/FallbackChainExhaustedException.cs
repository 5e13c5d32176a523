using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Text;

namespace FailoverGen;

/// <summary>
/// Every provider in the chain failed or was skipped. The message names each one with the reason, status and
/// retry hint; <see cref="Attempts"/> has the same as data and <see cref="AggregateException.InnerExceptions"/>
/// every error thrown.
/// </summary>
public sealed class FallbackChainExhaustedException : AggregateException
{
    private readonly string _message;

    /// <summary>Creates the exception from the attempts of one chain call.</summary>
    /// <param name="attempts">One entry per provider, in the order the chain walked them.</param>
    /// <param name="elapsed">Total time of the chain call.</param>
    public FallbackChainExhaustedException(IReadOnlyList<FailoverAttempt> attempts, TimeSpan elapsed)
        : this(attempts, elapsed, providerCount: attempts?.Count ?? 0, deadlineExceeded: false)
    {
    }

    /// <summary>Creates the exception for a call that may have stopped early at its deadline.</summary>
    /// <param name="attempts">The providers tried or skipped, in walk order.</param>
    /// <param name="elapsed">Total time of the chain call.</param>
    /// <param name="providerCount">How many providers the chain has.</param>
    /// <param name="deadlineExceeded">The call's deadline (<see cref="FallbackChainOptions.TotalRequestTimeout"/>) ended it.</param>
    public FallbackChainExhaustedException(IReadOnlyList<FailoverAttempt> attempts, TimeSpan elapsed, int providerCount, bool deadlineExceeded)
        : this(attempts ?? throw new ArgumentNullException(nameof(attempts)), elapsed, deadlineExceeded, BuildMessage(attempts, providerCount, deadlineExceeded))
    {
    }

    /// <summary>Receives the message built once, for the base exception and for <see cref="Message"/>.</summary>
    private FallbackChainExhaustedException(IReadOnlyList<FailoverAttempt> attempts, TimeSpan elapsed, bool deadlineExceeded, string message)
        : base(message, ExceptionsOf(attempts))
    {
        Attempts = new ReadOnlyCollection<FailoverAttempt>(attempts.ToArray());
        Elapsed = elapsed;
        DeadlineExceeded = deadlineExceeded;
        _message = message;
    }

    /// <summary>True when the call's deadline ended it before every provider had its turn.</summary>
    public bool DeadlineExceeded { get; }

    /// <summary>One entry per provider, in the order the chain walked them.</summary>
    public IReadOnlyList<FailoverAttempt> Attempts { get; }

    /// <summary>Total time of the chain call.</summary>
    public TimeSpan Elapsed { get; }

    /// <inheritdoc />
    public override string Message => _message;

    private static IEnumerable<Exception> ExceptionsOf(IReadOnlyList<FailoverAttempt> attempts)
    {
        foreach (FailoverAttempt attempt in attempts)
        {
            if (attempt.Exception is not null)
            {
                yield return attempt.Exception;
            }
        }
    }

    private static string BuildMessage(IReadOnlyList<FailoverAttempt> attempts, int providerCount, bool deadlineExceeded)
    {
        int skipped = attempts.Count(a => a.WasSkipped);
        var text = deadlineExceeded
            ? new StringBuilder("Deadline reached after ").Append(attempts.Count).Append(" of ").Append(providerCount).Append(providerCount == 1 ? " provider" : " providers")
            : new StringBuilder("All ").Append(attempts.Count).Append(attempts.Count == 1 ? " provider failed" : " providers failed");
        if (skipped > 0)
        {
            text.Append(" (").Append(attempts.Count - skipped).Append(" tried, ").Append(skipped).Append(" skipped)");
        }

        text.Append(": ");
        for (int i = 0; i < attempts.Count; i++)
        {
            text.Append(i == 0 ? string.Empty : "; ").Append(attempts[i]);
        }

        return text.ToString();
    }
}
