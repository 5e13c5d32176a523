using Microsoft.CodeAnalysis;

namespace FailoverGen.Analyzers;

/// <summary>Every diagnostic FailoverGen reports, each with a help page under docs/diagnostics.</summary>
internal static class Descriptors
{
    private const string UsageCategory = "FailoverGen.Usage";
    private const string HelpLinkBase = "https://github.com/FailoverGen/FailoverGen/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor InvalidStatusCode = new(
        DiagnosticIds.InvalidStatusCode,
        title: "FailoverOn status code is not an HTTP status",
        messageFormat: "{0} is not an HTTP status code: [FailoverOn] takes codes from 100 to 599, so this value never matches a failure",
        UsageCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Status codes outside 100-599 cannot come from a provider's response. The generated wrapper leaves them out of its policy.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.InvalidStatusCode + ".md");
}
