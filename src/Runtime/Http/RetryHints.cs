using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace FailoverGen;

/// <summary>
/// Reads the retry hints providers send as headers. Every parser returns null for values it cannot read:
/// a malformed hint must never turn into an exception on the failure path.
/// </summary>
internal static class RetryHints
{
    /// <summary>The longest hint accepted; anything above is treated as this.</summary>
    public static readonly TimeSpan MaxHint = TimeSpan.FromDays(1);

    /// <summary>
    /// Finds the retry hint in response headers, most precise first: <c>retry-after-ms</c>,
    /// <c>x-ms-retry-after-ms</c>, <c>Retry-After</c> (seconds or HTTP-date), OpenAI-style
    /// <c>x-ratelimit-reset-*</c> Go durations, Anthropic <c>anthropic-ratelimit-*-reset</c> timestamps.
    /// </summary>
    /// <param name="headers">Response and content headers, names compared case-insensitively.</param>
    /// <param name="retryAfter">A relative wait, when the hint is a duration.</param>
    /// <param name="retryAt">An absolute time, when the hint is a date.</param>
    public static bool TryRead(IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers, out TimeSpan? retryAfter, out DateTimeOffset? retryAt) =>
        TryRead(FirstValues(headers), out retryAfter, out retryAt, includeRateLimitResets: true);

    /// <summary>Reads <see cref="HttpResponseHeaders.RetryAfter"/>-style values from typed headers.</summary>
    public static bool TryRead(HttpResponseHeaders headers, out TimeSpan? retryAfter, out DateTimeOffset? retryAt) =>
        TryRead((IEnumerable<KeyValuePair<string, IEnumerable<string>>>)headers, out retryAfter, out retryAt);

    /// <summary>The same, for single-valued headers such as an SDK's raw response headers.</summary>
    public static bool TryRead(IEnumerable<KeyValuePair<string, string>> headers, out TimeSpan? retryAfter, out DateTimeOffset? retryAt) =>
        TryRead(headers, out retryAfter, out retryAt, includeRateLimitResets: true);

    internal static bool TryRead(IEnumerable<KeyValuePair<string, string>> headers, out TimeSpan? retryAfter, out DateTimeOffset? retryAt, bool includeRateLimitResets)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, string> header in headers)
        {
            if (header.Key is not null && header.Value is not null && !values.ContainsKey(header.Key))
            {
                values[header.Key] = header.Value;
            }
        }

        return TryRead(values, out retryAfter, out retryAt, includeRateLimitResets);
    }

    /// <summary>
    /// Finds a wait in message text: "try again in 20s", "Please try again in 6m0s", "retry after 7 seconds",
    /// "try again in 250ms", or Google's RetryInfo printed as protobuf text ("retry_delay { seconds: 33 }"). Null when
    /// the text names none.
    /// </summary>
    public static TimeSpan? FromText(string? text)
    {
        if (text is null)
        {
            return null;
        }

        Match match = SafeMatch(TextHint, text);
        if (!match.Success)
        {
            return null;
        }

        string value = match.Groups["value"].Value.TrimEnd('.');
        string word = match.Groups["word"].Value.ToLowerInvariant();
        if (word.Length == 0)
        {
            return DeltaSeconds(value) ?? GoDuration(value);
        }

        double unitMilliseconds = word == "ms" || word.StartsWith("milli", StringComparison.Ordinal) ? 1 : word.StartsWith("min", StringComparison.Ordinal) ? 60_000 : 1_000;
        return double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double amount) ? Clamp(amount * unitMilliseconds) : null;
    }

    /// <summary>
    /// Finds a resume time in message text: Anthropic's "You will regain access on 2026-12-01 at 00:00 UTC".
    /// Null when the text names none.
    /// </summary>
    public static DateTimeOffset? RetryAtFromText(string? text)
    {
        Match match = text is null ? Match.Empty : SafeMatch(TextDate, text);
        if (!match.Success)
        {
            return null;
        }

        string moment = match.Groups["date"].Value + "T" + (match.Groups["time"].Success ? match.Groups["time"].Value : "00:00") + ":00Z";
        return Timestamp(moment);
    }

    /// <summary>A match that gives up (no hint) rather than throw when a huge body makes the pattern time out.</summary>
    private static Match SafeMatch(Regex pattern, string text)
    {
        try
        {
            return pattern.Match(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return Match.Empty;
        }
    }

    private static readonly Regex TextDate = new(
        @"regain access on (?<date>\d{4}-\d{2}-\d{2})(?: at (?<time>\d{2}:\d{2}))?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
        TimeSpan.FromMilliseconds(100));

    private static readonly Regex TextHint = new(
        @"(?:try again|retry)\s+(?:in|after)\s+(?<value>[0-9][0-9.hms]*)(?:\s*(?<word>milliseconds?|ms|seconds?|secs?|s|minutes?|mins?)\b)?(?![A-Za-z])"
        + @"|retry_delay\s*\{\s*seconds:\s*(?<value>[0-9]+)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
        TimeSpan.FromMilliseconds(100));

    private static IEnumerable<KeyValuePair<string, string>> FirstValues(IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers)
    {
        foreach (KeyValuePair<string, IEnumerable<string>> header in headers)
        {
            string? first = header.Value?.FirstOrDefault();
            if (first is not null)
            {
                yield return new KeyValuePair<string, string>(header.Key, first);
            }
        }
    }

    private static bool TryRead(Dictionary<string, string> values, out TimeSpan? retryAfter, out DateTimeOffset? retryAt, bool includeRateLimitResets)
    {
        retryAfter = null;
        retryAt = null;
        if ((retryAfter = Milliseconds(Get(values, "retry-after-ms")) ?? Milliseconds(Get(values, "x-ms-retry-after-ms"))) is not null)
        {
            return true;
        }

        string? retryAfterHeader = Get(values, "Retry-After");
        if ((retryAfter = DeltaSeconds(retryAfterHeader)) is not null || (retryAt = HttpDate(retryAfterHeader)) is not null)
        {
            return true;
        }

        if (!includeRateLimitResets)
        {
            return false;
        }

        if ((retryAfter = ExhaustedLimitReset(values, "x-ratelimit-remaining-", "x-ratelimit-reset-", GoDuration)) is not null)
        {
            return true;
        }

        retryAt = ExhaustedLimitReset(values, "anthropic-ratelimit-", "-remaining", "-reset", Timestamp);
        return retryAt is not null;
    }

    /// <summary>Parses delta-seconds ("20", "1.5"); null when negative or not a number.</summary>
    public static TimeSpan? DeltaSeconds(string? value) =>
        double.TryParse(value?.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double seconds)
            ? Clamp(seconds * 1000)
            : null;

    /// <summary>Parses a millisecond count ("250"); null when negative or not a number.</summary>
    public static TimeSpan? Milliseconds(string? value) =>
        double.TryParse(value?.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double milliseconds)
            ? Clamp(milliseconds)
            : null;

    /// <summary>Parses an HTTP-date ("Wed, 21 Oct 2015 07:28:00 GMT").</summary>
    public static DateTimeOffset? HttpDate(string? value) =>
        DateTimeOffset.TryParseExact(value?.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset date)
            ? date
            : null;

    /// <summary>Parses an RFC 3339 timestamp ("2026-11-23T10:00:30Z").</summary>
    public static DateTimeOffset? Timestamp(string? value) =>
        value is not null && value.IndexOf('T') > 0
        && DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset date)
            ? date
            : null;

    /// <summary>Parses a Go duration ("6m0s", "12ms", "1.5s", "1h2m3.5s", "26s"); null when malformed.</summary>
    public static TimeSpan? GoDuration(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        string text = value!.Trim();
        double totalMilliseconds = 0;
        int i = 0;
        while (i < text.Length)
        {
            int numberStart = i;
            while (i < text.Length && (char.IsDigit(text[i]) || text[i] == '.'))
            {
                i++;
            }

            int unitStart = i;
            while (i < text.Length && !char.IsDigit(text[i]) && text[i] != '.')
            {
                i++;
            }

            if (unitStart == numberStart
                || !double.TryParse(text.Substring(numberStart, unitStart - numberStart), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double number))
            {
                return null;
            }

            double? unitMilliseconds = text.Substring(unitStart, i - unitStart) switch
            {
                "h" => 3_600_000,
                "m" => 60_000,
                "s" => 1_000,
                "ms" => 1,
                "us" or "µs" => 0.001,
                "ns" => 0.000_001,
                _ => null,
            };
            if (unitMilliseconds is not double unit)
            {
                return null;
            }

            totalMilliseconds += number * unit;
        }

        return Clamp(totalMilliseconds);
    }

    private static TimeSpan? Clamp(double milliseconds)
    {
        if (double.IsNaN(milliseconds) || milliseconds < 0)
        {
            return null;
        }

        return milliseconds >= MaxHint.TotalMilliseconds ? MaxHint : TimeSpan.FromMilliseconds(milliseconds);
    }

    private static string? Get(Dictionary<string, string> values, string name) =>
        values.TryGetValue(name, out string? value) ? value : null;

    private static TimeSpan? ExhaustedLimitReset(Dictionary<string, string> values, string remainingPrefix, string resetPrefix, Func<string?, TimeSpan?> parse) =>
        ExhaustedLimitReset(values, key => key.StartsWith(resetPrefix, StringComparison.OrdinalIgnoreCase), key => remainingPrefix + key.Substring(resetPrefix.Length), parse);

    private static DateTimeOffset? ExhaustedLimitReset(Dictionary<string, string> values, string prefix, string remainingSuffix, string resetSuffix, Func<string?, DateTimeOffset?> parse) =>
        ExhaustedLimitReset(
            values,
            key => key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && key.EndsWith(resetSuffix, StringComparison.OrdinalIgnoreCase),
            key => key.Substring(0, key.Length - resetSuffix.Length) + remainingSuffix,
            parse);

    /// <summary>
    /// Providers send one reset per limit (requests, tokens…). The one that matters is the limit that is used up
    /// (remaining 0); when none says so, the latest reset is the safe choice.
    /// </summary>
    private static T? ExhaustedLimitReset<T>(Dictionary<string, string> values, Func<string, bool> isReset, Func<string, string> remainingKeyOf, Func<string?, T?> parse)
        where T : struct, IComparable<T>
    {
        T? exhausted = null;
        T? latest = null;
        foreach (KeyValuePair<string, string> pair in values)
        {
            if (!isReset(pair.Key) || parse(pair.Value) is not T reset)
            {
                continue;
            }

            if (latest is null || reset.CompareTo(latest.Value) > 0)
            {
                latest = reset;
            }

            if (Get(values, remainingKeyOf(pair.Key))?.Trim() == "0" && (exhausted is null || reset.CompareTo(exhausted.Value) > 0))
            {
                exhausted = reset;
            }
        }

        return exhausted ?? latest;
    }
}
