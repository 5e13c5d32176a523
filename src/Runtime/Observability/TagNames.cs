namespace FailoverGen;

/// <summary>
/// Attribute names on metrics and spans: the OpenTelemetry semantic conventions where one exists (<c>error.type</c>,
/// <c>http.response.status_code</c>, the <c>gen_ai.*</c> ones), <c>failovergen.*</c> for what only a chain has.
/// </summary>
internal static class TagNames
{
    public const string Chain = "failovergen.chain";
    public const string Provider = "failovergen.provider";
    public const string Outcome = "failovergen.outcome";
    public const string Attempt = "failovergen.attempt";
    public const string Probe = "failovergen.probe";
    public const string Reason = "failovergen.reason";
    public const string RetryAfter = "failovergen.retry_after";
    public const string Requests = "failovergen.requests";
    public const string Skipped = "failovergen.skipped";
    public const string Attempts = "failovergen.attempts";
    public const string TimeToFirstItem = "failovergen.stream.time_to_first_item";
    public const string Items = "failovergen.stream.items";
    public const string GenAiProvider = "gen_ai.provider.name";
    public const string GenAiModel = "gen_ai.request.model";
    public const string ErrorType = "error.type";
    public const string StatusCode = "http.response.status_code";
}
