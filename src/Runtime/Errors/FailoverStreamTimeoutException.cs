using System;

namespace FailoverGen;

/// <summary>
/// A provider's stream went silent: no first item within <see cref="FallbackChainOptions.FirstItemTimeout"/>, or no next
/// item within <see cref="FallbackChainOptions.StreamIdleTimeout"/>. Classified as <see cref="FailoverReason.Timeout"/>,
/// but never retried on the same provider: a provider that did not answer in time is failed over at once. It is the
/// inner exception of the attempt (or of a <see cref="FailoverStreamInterruptedException"/> when items had reached the
/// caller).
/// </summary>
public sealed class FailoverStreamTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="limit">The limit that passed.</param>
    /// <param name="itemsReceived">Items the stream had sent before it went silent; zero for the first-item limit.</param>
    /// <param name="innerException">What the provider's stream reported when it was cancelled, if it did.</param>
    public FailoverStreamTimeoutException(TimeSpan limit, int itemsReceived, Exception? innerException = null)
        : base(
            itemsReceived == 0
                ? $"The stream sent no first item within {DurationText.Format(limit)}."
                : $"The stream sent nothing for {DurationText.Format(limit)} after {itemsReceived} {(itemsReceived == 1 ? "item" : "items")}.",
            innerException)
    {
        Limit = limit;
        ItemsReceived = itemsReceived;
    }

    /// <summary>The limit that passed.</summary>
    public TimeSpan Limit { get; }

    /// <summary>Items the stream had sent before it went silent; zero when it never sent a first one.</summary>
    public int ItemsReceived { get; }
}
