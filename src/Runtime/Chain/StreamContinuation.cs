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
    public StreamContinuation(Func<TState, IReadOnlyList<TItem>, TState> continueFrom, Func<Exception, bool>? isRejection = null)
    {
        ContinueFrom = continueFrom ?? throw new ArgumentNullException(nameof(continueFrom));
        IsRejection = isRejection;
    }

    /// <summary>Builds the continuing request's arguments from the original ones and the items delivered.</summary>
    public Func<TState, IReadOnlyList<TItem>, TState> ContinueFrom { get; }

    /// <summary>Recognises a provider's refusal of the continuing request; null uses the classification (<see cref="FailoverReason.BadRequest"/>).</summary>
    public Func<Exception, bool>? IsRejection { get; }
}
