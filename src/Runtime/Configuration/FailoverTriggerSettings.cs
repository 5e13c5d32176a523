using System.Collections.Generic;

namespace FailoverGen;

/// <summary>
/// The failures that move a call to the next provider, under <c>FailoverOn</c>: by default added to what each
/// member's <see cref="FailoverOnAttribute"/> (or the default policy) lists; with <see cref="ReplaceAttributes"/>,
/// used instead of it.
/// </summary>
public sealed class FailoverTriggerSettings
{
    /// <summary>HTTP status codes, e.g. <c>[ 429, 500, 502, 503, 504 ]</c>.</summary>
    public List<int>? StatusCodes { get; set; }

    /// <summary><see cref="FailoverReason"/> names, e.g. <c>[ "Auth", "Timeout" ]</c>.</summary>
    public List<string>? Reasons { get; set; }

    /// <summary>True uses only these triggers; false (the default) adds them to the attributes'.</summary>
    public bool? ReplaceAttributes { get; set; }
}
