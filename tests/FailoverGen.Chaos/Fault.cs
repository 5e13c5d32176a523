namespace FailoverGen.Chaos;

/// <summary>What a provider does with one request.</summary>
public enum Fault
{
    Success,
    SlowSuccess,
    RateLimitWithHint,
    RateLimitWithoutHint,
    Quota,
    ServiceUnavailable,
    Overloaded,
    InternalError,
    Hang,
    StalledErrorBody,
    ConnectionReset,
    MalformedBody,
    BadRequest,
    UnknownException,
}
