using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace FailoverGen.Tests;

/// <summary>
/// Classification runs on every failure, on whatever a provider, proxy or SDK sends, so it must never throw. Seeded
/// random cases mutate the real bodies of the provider corpus (cut, repeated, spliced with JSON tokens, lone
/// surrogates, huge numbers, deep nesting) and pair them with malformed retry headers and odd status codes. A failure
/// is reduced to a short reproduction and reported with the seed and case number.
/// Longer run: <c>FAILOVERGEN_FUZZ_CASES=100000 FAILOVERGEN_FUZZ_SEED=7 dotnet test tests/FailoverGen.Tests --filter ClassificationFuzzTests</c>.
/// </summary>
public sealed class ClassificationFuzzTests
{
    private const int DefaultCases = 3000;
    private const int DefaultSeed = 20261130;

    private static readonly string[] Tokens =
    {
        "{", "}", "[", "]", "\"", ":", ",", "\\", "\\u", "\\ud800", "\ud800", "\udc00", "null", "true", "1e309", "-0",
        "99999999999999999999", "NaN", "\"error\":", "\"code\":", "\"type\":\"error\"", "\"message\":", "\"metadata\":{\"raw\":\"",
        "\"estimated_time\":", "\"details\":[{\"retryDelay\":\"", "data: ", "event: error\n", "\n", "\r\n", "try again in ",
        "retry after ", "regain access on 9999-99-99 at 99:99", "Error code: ", "429", "529", "rate limit", "per day", "model",
        " not found", "(ThrottlingException)", "\0", "\uFFFF", new string('[', 200), new string('{', 100),
    };

    private static readonly string[] HeaderNames =
    {
        "retry-after", "Retry-After", "retry-after-ms", "x-ms-retry-after-ms", "x-ratelimit-reset-requests", "x-ratelimit-reset-tokens",
        "x-ratelimit-remaining-requests", "x-ratelimit-remaining-tokens", "anthropic-ratelimit-requests-reset",
        "anthropic-ratelimit-tokens-reset", "anthropic-ratelimit-tokens-remaining", "x-amzn-ErrorType", "content-type", "",
    };

    private static readonly string[] HeaderValues =
    {
        "20", "-1", "0", "1.5", "1e309", "99999999999999999999", "NaN", "Infinity", "6m0s", "1h2m3.5s", "999999h", "12ms",
        "-5s", "s", "m", "1.2.3s", "Wed, 21 Oct 2015 07:28:00 GMT", "Wed, 99 Oct 2015 99:28:00 GMT", "2026-13-45T25:61:00Z",
        "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", ":", "ThrottlingException:", "\ud800", "", " ", "\0",
    };

    private static readonly int[] Statuses = { int.MinValue, -1, 0, 99, 100, 200, 399, 400, 401, 402, 404, 413, 422, 429, 498, 499, 500, 503, 529, 599, 600, int.MaxValue };

    private readonly ITestOutputHelper _output;

    public ClassificationFuzzTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void RandomAndMalformedResponses_NeverMakeClassificationThrow()
    {
        int seed = Setting("FAILOVERGEN_FUZZ_SEED", DefaultSeed);
        int cases = Setting("FAILOVERGEN_FUZZ_CASES", DefaultCases);
        _output.WriteLine($"classification fuzz: seed {seed}, {cases} cases");
        string[] bodies = CorpusBodies();
        var random = new Random(seed);
        var failures = new Dictionary<string, string>();
        for (int i = 0; i < cases; i++)
        {
            int status = Statuses[random.Next(Statuses.Length)];
            string body = Mutate(bodies[random.Next(bodies.Length)], random);
            List<KeyValuePair<string, string>> headers = Headers(random);
            if (Failure(status, body, headers) is string kind && !failures.ContainsKey(kind))
            {
                failures[kind] = $"seed {seed}, case {i}: status {status}, headers [{string.Join(", ", headers.Select(h => h.Key + ": " + Escape(h.Value)))}], "
                    + $"reduced body \"{Escape(Reduce(body, b => Failure(status, b, headers) == kind))}\"";
            }
        }

        Assert.True(failures.Count == 0, "classification threw:\n" + string.Join("\n", failures.Select(f => f.Key + "\n  " + f.Value)));
    }

    /// <summary>Every public entry point a failure goes through; the kind of exception and where it came from, or null.</summary>
    private static string? Failure(int status, string body, List<KeyValuePair<string, string>> headers)
    {
        try
        {
            var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
            FailoverErrors.Classify(ProviderErrors.FromResponse(status, headers, body)).GetRetryDelay(now);
            FailoverErrors.Classify(new ProviderException(body)).GetRetryDelay(now);
            ProviderErrors.TryClassify(status, headers, body, new InvalidOperationException(body), out _);
            if (ProviderErrors.FromStreamEvent(body) is ProviderException streamed)
            {
                FailoverErrors.Classify(streamed);
            }

            if (ProviderErrors.FromStreamEvent("event: error\ndata: " + body) is ProviderException named)
            {
                FailoverErrors.Classify(named);
            }

            FailoverErrors.IsFailoverEligible(new OperationCanceledException(body, new HttpRequestExceptionLike(body)));
            RetryHints.TryRead(headers, out _, out _);
            RetryHints.FromText(body);
            RetryHints.RetryAtFromText(body);
            return null;
        }
        catch (Exception ex)
        {
            return ex.GetType().Name + " at " + (ex.StackTrace ?? string.Empty).Split('\n').FirstOrDefault()?.Trim();
        }
    }

    /// <summary>Removes chunks, halves first, while the same failure remains.</summary>
    private static string Reduce(string input, Func<string, bool> stillFails)
    {
        for (int chunk = Math.Max(1, input.Length / 2); chunk >= 1; chunk /= 2)
        {
            for (int at = 0; at + chunk <= input.Length;)
            {
                string shorter = input.Remove(at, chunk);
                if (stillFails(shorter))
                {
                    input = shorter;
                }
                else
                {
                    at += chunk;
                }
            }
        }

        return input;
    }

    private static string Mutate(string body, Random random)
    {
        var text = new StringBuilder(body);
        int mutations = random.Next(1, 6);
        for (int m = 0; m < mutations; m++)
        {
            int at = text.Length == 0 ? 0 : random.Next(text.Length + 1);
            switch (random.Next(5))
            {
                case 0:
                    text.Insert(at, Tokens[random.Next(Tokens.Length)]);
                    break;
                case 1 when text.Length > 0:
                    text.Remove(Math.Min(at, text.Length - 1), Math.Min(random.Next(1, 40), text.Length - Math.Min(at, text.Length - 1)));
                    break;
                case 2:
                    text.Length = Math.Min(text.Length, at);
                    break;
                case 3 when text.Length > 0:
                    int from = random.Next(text.Length);
                    text.Insert(at, text.ToString(from, Math.Min(random.Next(1, 200), text.Length - from)));
                    break;
                default:
                    text.Insert(at, (char)random.Next(0, 0x10000));
                    break;
            }
        }

        return text.ToString();
    }

    private static List<KeyValuePair<string, string>> Headers(Random random)
    {
        var headers = new List<KeyValuePair<string, string>>();
        for (int i = random.Next(0, 5); i > 0; i--)
        {
            headers.Add(new KeyValuePair<string, string>(HeaderNames[random.Next(HeaderNames.Length)], HeaderValues[random.Next(HeaderValues.Length)]));
        }

        return headers;
    }

    private static string[] CorpusBodies() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "ProviderCorpus"), "*.json")
            .SelectMany(file => JsonDocument.Parse(File.ReadAllText(file)).RootElement.EnumerateArray().Select(c => c.GetProperty("body").GetString() ?? string.Empty))
            .Append(string.Empty)
            .ToArray();

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : fallback;

    private static string Escape(string text)
    {
        var escaped = new StringBuilder();
        foreach (char c in text)
        {
            escaped.Append(c is < ' ' or > '~' or '"' or '\\' ? "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) : c.ToString());
        }

        return escaped.ToString();
    }

    /// <summary>A wrapped error whose inner one carries the fuzzed text, as SDK exceptions do.</summary>
    private sealed class HttpRequestExceptionLike(string message) : Exception(message);
}
