using System;

namespace FailoverGen;

/// <summary>
/// A stream failed after some of its items had already reached the caller. The chain does not fail over then (the
/// caller would get a second answer spliced onto the first), unless <see cref="FallbackChainOptions.RestartStreamsOnFailure"/>
/// is set. The items already returned are incomplete: this exception says so instead of ending the stream silently.
/// </summary>
public sealed class FailoverStreamInterruptedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="providerName">The provider whose stream broke.</param>
    /// <param name="itemsYielded">Items that had reached the caller.</param>
    /// <param name="reason">How the failure was classified.</param>
    /// <param name="statusCode">The HTTP status, when known.</param>
    /// <param name="innerException">The provider's exception.</param>
    public FailoverStreamInterruptedException(string providerName, int itemsYielded, FailoverReason reason, int? statusCode, Exception innerException)
        : base(
            $"The stream from {providerName} failed after {itemsYielded} {(itemsYielded == 1 ? "item" : "items")} had been returned: "
            + reason.Describe() + (statusCode is int status ? $" ({status})" : string.Empty)
            + ". The output is incomplete; no other provider was tried because output had already reached the caller.",
            innerException)
    {
        ProviderName = providerName;
        ItemsYielded = itemsYielded;
        Reason = reason;
        StatusCode = statusCode;
    }

    /// <summary>The provider whose stream broke.</summary>
    public string ProviderName { get; }

    /// <summary>Items that had reached the caller before the failure.</summary>
    public int ItemsYielded { get; }

    /// <summary>How the failure was classified.</summary>
    public FailoverReason Reason { get; }

    /// <summary>The HTTP status, when known.</summary>
    public int? StatusCode { get; }
}
