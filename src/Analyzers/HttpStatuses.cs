namespace FailoverGen.Analyzers;

internal static class HttpStatuses
{
    /// <summary>Bad-request statuses: the request itself is invalid and would fail the same way on every provider.</summary>
    public static bool IsBadRequest(int status) => status is 400 or 405 or 409 or 411 or 413 or 415 or 422;
}
