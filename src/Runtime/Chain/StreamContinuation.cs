using System;
using System.Collections.Generic;

namespace FailoverGen;

/// <summary>
/// How a streaming member asks the next provider to continue an answer that another provider's stream started and then
/// broke off: from the member's arguments and the items that already reached the caller, the arguments of a request
/// that continues from there (for chat, the partial assistant text as prefill, or a prompt to continue). Used when
/// <see cref="FallbackChainOptions.ContinueStreamsOnFailure"/> is set; the generated <c>IChatClient</c> wrapper supplies one.
/// </summary>
/// <typeparam name="TState">The member's arguments, as the generated wrapper passes them.</typeparam>
/// <typeparam name="TItem">The stream's items.</typeparam>
public sealed class StreamContinuation<TState, TItem>
{
    /// <summary>Creates the continuation.</summary>
    /// <param name="continueFrom">Builds the continuing request's arguments from the original ones and the items delivered.</param>
    /// <param name="isRejection">
    /// True when a provider refused the continuing request itself (it does not accept an assistant prefill). Null: a
    /// failure classified <see cref="FailoverReason.BadRequest"/> before the continuation's first item.
    /// </param>
    /// <param name="textOf">The text an item carries; with <paramref name="withText"/>, restarts are spliced (see remarks).</param>
    /// <param name="withText">The item with only the given part of its text, for an item that straddles what was delivered.</param>
    /// <remarks>
    /// With <paramref name="textOf"/> and <paramref name="withText"/>, a provider that refuses to continue is asked to
    /// start the answer over, and the new answer is read until it covers the text already delivered: if it begins with
    /// exactly that text, only the rest reaches the caller, who sees one answer that went on; if it does not, the stream
    /// ends with the failure that broke it, since two different answers cannot be joined. Without them, a restart needs
    /// <see cref="FallbackChainOptions.RestartStreamsOnFailure"/> and the caller is told to discard what it had.
    /// </remarks>
    /// <exception cref="ArgumentException">Only one of <paramref name="textOf"/> and <paramref name="withText"/> is given.</exception>
    public StreamContinuation(
        Func<TState, IReadOnlyList<TItem>, TState> continueFrom,
        Func<Exception, bool>? isRejection = null,
        Func<TItem, string>? textOf = null,
        Func<TItem, string, TItem>? withText = null)
    {
        ContinueFrom = continueFrom ?? throw new ArgumentNullException(nameof(continueFrom));
        if ((textOf is null) != (withText is null))
        {
            throw new ArgumentException("Give both textOf and withText to splice restarts, or neither.", textOf is null ? nameof(textOf) : nameof(withText));
        }

        IsRejection = isRejection;
        TextOf = textOf;
        WithText = withText;
    }

    /// <summary>Builds the continuing request's arguments from the original ones and the items delivered.</summary>
    public Func<TState, IReadOnlyList<TItem>, TState> ContinueFrom { get; }

    /// <summary>Recognises a provider's refusal of the continuing request; null uses the classification (<see cref="FailoverReason.BadRequest"/>).</summary>
    public Func<Exception, bool>? IsRejection { get; }

    /// <summary>The text an item carries; set when restarts are spliced onto what was delivered.</summary>
    public Func<TItem, string>? TextOf { get; }

    /// <summary>An item with only part of its text; set when restarts are spliced onto what was delivered.</summary>
    public Func<TItem, string, TItem>? WithText { get; }
}
