using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Tasks;
using FailoverGen.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace FailoverGen.Tests;

/// <summary>
/// Replays the error responses in <c>Corpus/*.json</c> (one file per provider, bodies and headers as the providers
/// send them) through <see cref="ProviderResponseExtensions.EnsureProviderSuccessAsync"/> and a one-provider chain,
/// and checks the reason and retry hint the engine records. A case is
/// <c>{ name, status, now?, headers, body, expectedReason, expectedRetryAfterSeconds, source }</c>; <c>now</c> is the
/// fake clock's time for cases whose hints are absolute dates.
/// </summary>
public sealed class ProviderErrorCorpusTests
{
    private const int MinimumCases = 45;

    private static readonly string[] ProviderFiles =
    {
        "openai.json", "anthropic.json", "gemini.json", "azure-openai.json", "mistral.json",
        "groq.json", "deepseek.json", "openrouter.json", "bedrock.json", "generic.json",
    };

    /// <summary>The clock for cases without <c>now</c>: no such case depends on the time.</summary>
    private static readonly DateTimeOffset DefaultNow = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan RetryTolerance = TimeSpan.FromMilliseconds(1);

    private static readonly Lazy<IReadOnlyDictionary<string, CorpusCase>> Corpus = new(Load);

    /// <summary>One row per case, named "file: case name" so the test list shows which response failed.</summary>
    public static TheoryData<CaseId> Cases()
    {
        var data = new TheoryData<CaseId>();
        foreach (string id in Corpus.Value.Keys)
        {
            data.Add(new CaseId(id));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Case(CaseId corpusCase)
    {
        string id = corpusCase.ToString();
        CorpusCase c = Corpus.Value[id];
        var clock = new FakeTimeProvider(c.Now ?? DefaultNow);
        ProviderException error = await FailureOf(c);

        FailoverAttempt attempt = await EngineAttemptFor(error, clock, c.File);

        FailoverReason expectedReason = ParseReason(c.ExpectedReason);
        TimeSpan? expectedRetry = c.ExpectedRetryAfterSeconds is double seconds ? TimeSpan.FromSeconds(seconds) : null;
        bool reasonMatches = attempt.Reason == expectedReason;
        bool retryMatches = expectedRetry is TimeSpan expected
            ? attempt.RetryAfter is TimeSpan actual && (actual - expected).Duration() <= RetryTolerance
            : attempt.RetryAfter is null;
        if (!reasonMatches || !retryMatches)
        {
            Assert.Fail(
                $"{id}\n"
                + $"  expected: {Describe(expectedReason, expectedRetry)}\n"
                + $"  actual:   {Describe(attempt.Reason, attempt.RetryAfter)}\n"
                + $"  exception: status {error.StatusCode}, type {error.ErrorType ?? "-"}, code {error.ErrorCode ?? "-"}, "
                + $"reason {(error.Reason?.ToString() ?? "-")}, retryAfter {error.RetryAfter?.ToString() ?? "-"}, retryAt {error.RetryAt?.ToString("O", CultureInfo.InvariantCulture) ?? "-"}\n"
                + $"  message: {error.Message}\n"
                + $"  source: {c.Source}");
        }
    }

    [Fact]
    public void Corpus_HasEnoughWellFormedCases_FromEveryProviderFile()
    {
        IReadOnlyDictionary<string, CorpusCase> corpus = Corpus.Value;

        Assert.True(corpus.Count >= MinimumCases, $"The corpus has {corpus.Count} cases; at least {MinimumCases} are expected.");
        string[] files = Directory.GetFiles(CorpusDirectory, "*.json").Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal).ToArray()!;
        Assert.Equal(ProviderFiles.OrderBy(f => f, StringComparer.Ordinal), files);
        foreach (string file in ProviderFiles)
        {
            Assert.Contains(corpus.Values, c => c.File == file);
        }

        foreach ((string id, CorpusCase c) in corpus)
        {
            Assert.False(string.IsNullOrWhiteSpace(c.Source), $"{id}: 'source' is empty.");
            Assert.True(c.Status is >= 400 and <= 599, $"{id}: status {c.Status} is not an error status.");
            Assert.True(Enum.TryParse(c.ExpectedReason, ignoreCase: false, out FailoverReason _), $"{id}: '{c.ExpectedReason}' is not a FailoverReason.");
            Assert.True(c.ExpectedRetryAfterSeconds is null or >= 0, $"{id}: expectedRetryAfterSeconds is negative.");
        }
    }

    private static string CorpusDirectory => Path.Combine(AppContext.BaseDirectory, "Corpus");

    private static IReadOnlyDictionary<string, CorpusCase> Load()
    {
        var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip };
        var cases = new SortedDictionary<string, CorpusCase>(StringComparer.Ordinal);
        foreach (string file in ProviderFiles)
        {
            string path = Path.Combine(CorpusDirectory, file);
            CorpusCase[] fileCases = JsonSerializer.Deserialize<CorpusCase[]>(File.ReadAllText(path), options)
                ?? throw new InvalidDataException($"{path} holds no cases.");
            foreach (CorpusCase c in fileCases)
            {
                c.File = file;
                string id = file + ": " + c.Name;
                if (!cases.TryAdd(id, c))
                {
                    throw new InvalidDataException($"Duplicate case name '{c.Name}' in {file}.");
                }
            }
        }

        return cases;
    }

    private static async Task<ProviderException> FailureOf(CorpusCase c)
    {
        using HttpResponseMessage response = Response(c);
        return await Assert.ThrowsAsync<ProviderException>(() => response.EnsureProviderSuccessAsync());
    }

    private static HttpResponseMessage Response(CorpusCase c)
    {
        var response = new HttpResponseMessage((HttpStatusCode)c.Status);
        var content = new StringContent(c.Body ?? string.Empty, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        response.Content = content;
        foreach ((string name, string value) in c.Headers ?? new Dictionary<string, string>())
        {
            if (string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                content.Headers.Remove("Content-Type");
                Assert.True(content.Headers.TryAddWithoutValidation(name, value), $"{c.File}: {c.Name}: content type '{value}' was rejected.");
            }
            else if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                // Content headers (Expires, Content-Language…) are not accepted on the response's own collection.
                Assert.True(content.Headers.TryAddWithoutValidation(name, value), $"{c.File}: {c.Name}: header '{name}' fits neither collection.");
            }
        }

        return response;
    }

    /// <summary>What the engine records for <paramref name="error"/> from the only provider of a chain that fails over on everything.</summary>
    private static async Task<FailoverAttempt> EngineAttemptFor(ProviderException error, FakeTimeProvider clock, string providerName)
    {
        var provider = new ScriptedProvider(providerName, clock).Throws(error);
        FallbackChain<IChatProvider> chain = FallbackChain.Create<IChatProvider>()
            .WithTimeProvider(clock)
            .Add(providerName, provider)
            .Configure(o =>
            {
                o.Retry.MaxRetryAttempts = 0;
                o.UnknownErrors = UnknownErrorHandling.FailOver;
            })
            .Build();
        var everyReason = new FailoverPolicy(null, (FailoverReason[])Enum.GetValues(typeof(FailoverReason)));

        var exhausted = await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => chain.CompleteAsync(policy: everyReason));
        FailoverAttempt attempt = Assert.Single(exhausted.Attempts);
        Assert.Same(error, attempt.Exception);
        return attempt;
    }

    private static FailoverReason ParseReason(string? reason) =>
        Enum.TryParse(reason, ignoreCase: false, out FailoverReason parsed)
            ? parsed
            : throw new InvalidDataException($"'{reason}' is not a {nameof(FailoverReason)}.");

    private static string Describe(FailoverReason reason, TimeSpan? retryAfter) =>
        reason + ", retry after " + (retryAfter is TimeSpan delay ? delay.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s" : "none");

    /// <summary>
    /// A case's "file: name", serializable so each case is its own test, and shown in full (xUnit cuts string
    /// arguments short in test names, but not a type's own <see cref="ToString"/>).
    /// </summary>
    public sealed class CaseId : IXunitSerializable
    {
        private string _id = string.Empty;

        public CaseId()
        {
        }

        public CaseId(string id)
        {
            _id = id;
        }

        public void Deserialize(IXunitSerializationInfo info) => _id = info.GetValue<string>("id");

        public void Serialize(IXunitSerializationInfo info) => info.AddValue("id", _id);

        public override string ToString() => _id;
    }

    /// <summary>One response of the corpus, as stored in the JSON files.</summary>
    public sealed class CorpusCase
    {
        public string Name { get; set; } = string.Empty;

        public int Status { get; set; }

        public DateTimeOffset? Now { get; set; }

        public Dictionary<string, string>? Headers { get; set; }

        public string? Body { get; set; }

        public string? ExpectedReason { get; set; }

        public double? ExpectedRetryAfterSeconds { get; set; }

        public string Source { get; set; } = string.Empty;

        /// <summary>The file the case came from (not in the JSON).</summary>
        [JsonIgnore]
        public string File { get; set; } = string.Empty;
    }
}
