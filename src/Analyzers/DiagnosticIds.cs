namespace FailoverGen.Analyzers;

/// <summary>Diagnostic IDs: FG0xxx for attribute usage, FG1xxx for error handling in code.</summary>
public static class DiagnosticIds
{
    /// <summary>A <c>[FailoverOn]</c> status code is not an HTTP status.</summary>
    public const string InvalidStatusCode = "FG0001";
}
