using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Xunit.Abstractions;

namespace FailoverGen.Tests;

/// <summary>
/// Real failure responses from public sources, one file per provider or gateway in <c>ProviderCorpus/</c>: issue
/// threads where users pasted what they got, SDK and proxy test fixtures, and providers' documented error bodies. Each
/// case names its source URL, and its note says where a body was converted from a Python repr or reassembled from a
/// partial quote. A case is classified the way the library meets it: a response through
/// <see cref="ProviderErrors.FromResponse"/>, an error inside a stream through <see cref="ProviderErrors.FromStreamEvent"/>,
/// a message-only error as a <see cref="ProviderException"/> with nothing but its message.
/// </summary>
public sealed class ProviderCorpusTests
{
    private const int MinimumCases = 250;
    private const int MinimumProviders = 20;

    /// <summary>Dates in hints ("regain access on …") are read against this clock.</summary>
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan RetryTolerance = TimeSpan.FromMilliseconds(1);

    private static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "ProviderCorpus");

    private readonly ITestOutputHelper _output;

    public ProviderCorpusTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public static TheoryData<string> ProviderFiles()
    {
        var data = new TheoryData<string>();
        foreach (string file in Files())
        {
            data.Add(file);
        }

        return data;
    }

    private static IEnumerable<string> Files() =>
        System.IO.Directory.GetFiles(Directory, "*.json").Select(path => Path.GetFileName(path)).OrderBy(f => f, StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(ProviderFiles))]
    public void EveryCaseOfTheProvider_IsClassifiedAsExpected(string file)
    {
        List<string> failures = Load(file)
            .Select(c => (Case: c, Result: Evaluate(c)))
            .Where(r => !r.Result.Matches && r.Case.Disagreement is null)
            .Select(r => $"{file}: {r.Case.Name}\n  source: {r.Case.Source}\n  {r.Result.Explanation}")
            .ToList();

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Corpus_HasEnoughSourcedCases_AndReportsAccuracyPerProvider()
    {
        var table = new StringBuilder("provider | cases | reason right | hint right | documented disagreements\n");
        int cases = 0;
        int providers = 0;
        foreach (string file in Files())
        {
            List<CorpusCase> all = Load(file);
            Assert.All(all, c => Assert.StartsWith("http", c.Source, StringComparison.Ordinal));
            List<Evaluation> results = all.Select(Evaluate).ToList();
            cases += all.Count;
            providers++;
            table.Append(Path.GetFileNameWithoutExtension(file)).Append(" | ").Append(all.Count)
                .Append(" | ").Append(Percent(results.Count(r => r.ReasonMatches), all.Count))
                .Append(" | ").Append(Percent(results.Count(r => r.RetryMatches), all.Count))
                .Append(" | ").Append(all.Count(c => c.Disagreement is not null)).Append('\n');
        }

        _output.WriteLine(table.ToString());
        Assert.True(cases >= MinimumCases, $"{cases} cases; at least {MinimumCases} are needed");
        Assert.True(providers >= MinimumProviders, $"{providers} providers; at least {MinimumProviders} are needed");
    }

    private static string Percent(int part, int whole) => (100.0 * part / whole).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    private static Evaluation Evaluate(CorpusCase c)
    {
        // A stream error that arrived as plain text (no SSE framing, no JSON) was surfaced by the client as a message.
        bool framed = c.Body.TrimStart().StartsWith('{') || c.Body.Contains("data:", StringComparison.Ordinal) || c.Body.Contains("event:", StringComparison.Ordinal);
        ProviderException? error = c.Stream && framed
            ? ProviderErrors.FromStreamEvent(c.Body)
            : c.Status is int status && !c.Stream
                ? ProviderErrors.FromResponse(status, c.Headers, c.Body)
                : new ProviderException(c.Body);
        if (error is null)
        {
            return new Evaluation(false, false, "the stream event was not recognised as an error");
        }

        FailureClassification failure = FailoverErrors.Classify(error);
        FailoverReason expected = Enum.Parse<FailoverReason>(c.ExpectedReason);
        TimeSpan? expectedRetry = c.ExpectedRetryAfterSeconds is double seconds ? TimeSpan.FromSeconds(seconds) : null;
        TimeSpan? retry = failure.GetRetryDelay(Now);
        bool reasonMatches = failure.Reason == expected;
        bool retryMatches = expectedRetry is TimeSpan want
            ? retry is TimeSpan got && (got - want).Duration() <= RetryTolerance
            : retry is null;
        return new Evaluation(
            reasonMatches,
            retryMatches,
            $"expected {expected}, retry {expectedRetry?.TotalSeconds.ToString(CultureInfo.InvariantCulture) ?? "none"}; "
            + $"got {failure.Reason}, retry {retry?.TotalSeconds.ToString(CultureInfo.InvariantCulture) ?? "none"} "
            + $"(status {error.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "-"}, type {error.ErrorType ?? "-"}, code {error.ErrorCode ?? "-"})");
    }

    private static List<CorpusCase> Load(string file) =>
        JsonSerializer.Deserialize<List<CorpusCase>>(File.ReadAllText(Path.Combine(Directory, file)), new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
        ?? throw new InvalidDataException(file + " is empty");

    private sealed record Evaluation(bool ReasonMatches, bool RetryMatches, string Explanation)
    {
        public bool Matches => ReasonMatches && RetryMatches;
    }

    private sealed class CorpusCase
    {
        public string Name { get; set; } = string.Empty;

        public int? Status { get; set; }

        public Dictionary<string, string> Headers { get; set; } = new();

        public string Body { get; set; } = string.Empty;

        public bool Stream { get; set; }

        public string ExpectedReason { get; set; } = string.Empty;

        public double? ExpectedRetryAfterSeconds { get; set; }

        public string Source { get; set; } = string.Empty;

        public string? Note { get; set; }

        /// <summary>Why the library's answer is kept although it differs from the expectation; the case then does not fail.</summary>
        public string? Disagreement { get; set; }
    }
}
