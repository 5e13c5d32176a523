namespace FailoverGen.Shared;

/// <summary>Facts about HTTP status codes that [FailoverOn] values are checked against, by the generator and the analyzers alike.</summary>
internal static class HttpStatuses
{
    /// <summary>A status a provider's response can carry.</summary>
    public static bool IsHttpStatus(int status) => status is >= 100 and <= 599;

    /// <summary>Bad-request statuses: the request itself is invalid and would fail the same way on every provider.</summary>
    public static bool IsBadRequest(int status) => status is 400 or 405 or 409 or 411 or 413 or 415 or 422;

    /// <summary>
    /// Statuses a chain fails over on by default: payment required, request timeout, rate limit and server errors. A
    /// catch filtered to any other status (404 for "no such resource", 401 for a bad key) handles what it meant to.
    /// </summary>
    public static bool IsFailoverStatus(int status) => status is 402 or 408 or 429 or (>= 500 and <= 599);
}
