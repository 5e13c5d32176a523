using System.Collections.Generic;
using BenchmarkDotNet.Attributes;

namespace FailoverGen.Benchmarks;

/// <summary>The failure path: turning a provider's error response into a classification.</summary>
[MemoryDiagnoser]
public class ClassificationBenchmarks
{
    private const string GeminiBody = """
        {"error":{"code":429,"message":"You exceeded your current quota.","status":"RESOURCE_EXHAUSTED","details":[
        {"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaId":"GenerateRequestsPerMinutePerProjectPerModel-FreeTier"}]},
        {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"26s"}]}}
        """;

    private static readonly KeyValuePair<string, string>[] OpenAiHeaders =
    {
        new("x-ratelimit-remaining-requests", "0"),
        new("x-ratelimit-reset-requests", "6m0s"),
        new("x-ratelimit-reset-tokens", "1.5s"),
    };

    private readonly ProviderException _classified = new("slow down", statusCode: 429, errorCode: "rate_limit_exceeded");

    [Benchmark]
    public ProviderException GeminiBody_FromResponse() => ProviderErrors.FromResponse(429, null, GeminiBody);

    [Benchmark]
    public ProviderException OpenAiHeaders_FromResponse() => ProviderErrors.FromResponse(429, OpenAiHeaders, """{"error":{"code":"rate_limit_exceeded","message":"Rate limit reached"}}""");

    [Benchmark]
    public FailureClassification ProviderException_Classify() => FailoverErrors.Classify(_classified);
}
