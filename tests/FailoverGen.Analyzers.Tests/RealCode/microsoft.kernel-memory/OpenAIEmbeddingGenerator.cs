// Source: https://github.com/microsoft/kernel-memory/blob/94b69d340d6b2dec7bd30479927c36b9f8d4913f/src/Core/Embeddings/Providers/OpenAIEmbeddingGenerator.cs (lines 1-223)
// Source: https://github.com/microsoft/kernel-memory/blob/94b69d340d6b2dec7bd30479927c36b9f8d4913f/src/Core/Http/HttpRetryPolicy.cs (lines 1-177)
// Licence: MIT
// Chain: KernelMemory.Core.Embeddings.IEmbeddingGenerator
// Note: the project builds with implicit usings; the usings it relies on are written out, and the file-scoped namespaces became block namespaces.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using KernelMemory.Core.Config.Enums;
using KernelMemory.Core.Http;
using Microsoft.Extensions.Logging;

namespace KernelMemory.Core.Embeddings.Providers
{
/// <summary>
/// OpenAI embedding generator implementation.
/// Communicates with the OpenAI API (or compatible endpoints).
/// Supports batch embedding requests.
/// </summary>
public sealed class OpenAIEmbeddingGenerator : IEmbeddingGenerator
{
    private readonly HttpClient _httpClient;
    private readonly string _apiKey;
    private readonly string _baseUrl;
    private readonly int _batchSize;
    private readonly ILogger<OpenAIEmbeddingGenerator> _logger;
    private readonly Func<TimeSpan, CancellationToken, Task> _delayAsync;

    /// <inheritdoc />
    public EmbeddingsTypes ProviderType => EmbeddingsTypes.OpenAI;

    /// <inheritdoc />
    public string ModelName { get; }

    /// <inheritdoc />
    public int VectorDimensions { get; }

    /// <inheritdoc />
    public bool IsNormalized { get; }

    /// <summary>
    /// Creates a new OpenAI embedding generator.
    /// </summary>
    /// <param name="httpClient">HTTP client for API calls.</param>
    /// <param name="apiKey">OpenAI API key.</param>
    /// <param name="model">Model name (e.g., text-embedding-ada-002).</param>
    /// <param name="vectorDimensions">Vector dimensions produced by the model.</param>
    /// <param name="isNormalized">Whether vectors are normalized.</param>
    /// <param name="baseUrl">Optional custom base URL for OpenAI-compatible APIs.</param>
    /// <param name="logger">Logger instance.</param>
    /// <param name="batchSize">Maximum number of texts per API request.</param>
    /// <param name="delayAsync">Optional delay function for retries (used for fast unit tests).</param>
    public OpenAIEmbeddingGenerator(
        HttpClient httpClient,
        string apiKey,
        string model,
        int vectorDimensions,
        bool isNormalized,
        string? baseUrl,
        ILogger<OpenAIEmbeddingGenerator> logger,
        int batchSize,
        Func<TimeSpan, CancellationToken, Task>? delayAsync = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient, nameof(httpClient));
        ArgumentNullException.ThrowIfNull(apiKey, nameof(apiKey));
        ArgumentException.ThrowIfNullOrEmpty(apiKey, nameof(apiKey));
        ArgumentNullException.ThrowIfNull(model, nameof(model));
        ArgumentNullException.ThrowIfNull(logger, nameof(logger));
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1, nameof(batchSize));

        this._httpClient = httpClient;
        this._apiKey = apiKey;
        this._baseUrl = (baseUrl ?? Constants.EmbeddingDefaults.DefaultOpenAIBaseUrl).TrimEnd('/');
        this._batchSize = batchSize;
        this.ModelName = model;
        this.VectorDimensions = vectorDimensions;
        this.IsNormalized = isNormalized;
        this._logger = logger;
        this._delayAsync = delayAsync ?? Task.Delay;

        this._logger.LogDebug("OpenAIEmbeddingGenerator initialized: {BaseUrl}, model: {Model}, dimensions: {Dimensions}",
            this._baseUrl, this.ModelName, this.VectorDimensions);
    }

    /// <inheritdoc />
    public async Task<EmbeddingResult> GenerateAsync(string text, CancellationToken ct = default)
    {
        var results = await this.GenerateAsync(new[] { text }, ct).ConfigureAwait(false);
        return results[0];
    }

    /// <inheritdoc />
    public async Task<EmbeddingResult[]> GenerateAsync(IEnumerable<string> texts, CancellationToken ct = default)
    {
        var textArray = texts.ToArray();
        if (textArray.Length == 0)
        {
            return [];
        }

        var allResults = new List<EmbeddingResult>(textArray.Length);
        foreach (var chunk in Chunk(textArray, this._batchSize))
        {
            var chunkResults = await this.GenerateBatchAsync(chunk, ct).ConfigureAwait(false);
            allResults.AddRange(chunkResults);
        }

        return allResults.ToArray();
    }

    private async Task<EmbeddingResult[]> GenerateBatchAsync(string[] textArray, CancellationToken ct)
    {
        var endpoint = $"{this._baseUrl}/v1/embeddings";

        var request = new OpenAIEmbeddingRequest
        {
            Model = this.ModelName,
            Input = textArray
        };

        this._logger.LogTrace("Calling OpenAI embeddings API: {Endpoint}, batch size: {BatchSize}",
            endpoint, textArray.Length);

        using var response = await HttpRetryPolicy.SendAsync(
            this._httpClient,
            requestFactory: () =>
            {
                var httpRequest = new HttpRequestMessage(HttpMethod.Post, endpoint);
                httpRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", this._apiKey);
                httpRequest.Content = JsonContent.Create(request);
                return httpRequest;
            },
            this._logger,
            ct,
            delayAsync: this._delayAsync).ConfigureAwait(false);

        response.EnsureSuccessStatusCode();

        var result = await response.Content.ReadFromJsonAsync<OpenAIEmbeddingResponse>(ct).ConfigureAwait(false);

        if (result?.Data == null || result.Data.Length == 0)
        {
            throw new InvalidOperationException("OpenAI returned empty embedding response");
        }

        // Sort by index to ensure correct ordering
        var sortedData = result.Data.OrderBy(d => d.Index).ToArray();

        // Get total token count from API response
        var totalTokens = result.Usage?.TotalTokens;

        this._logger.LogTrace("OpenAI returned {Count} embeddings, usage: {TotalTokens} tokens",
            sortedData.Length, totalTokens);

        // Calculate per-embedding token count if total tokens available
        // For batch requests, we distribute tokens evenly across embeddings (approximation)
        int? perEmbeddingTokens = null;
        if (totalTokens.HasValue && sortedData.Length > 0)
        {
            perEmbeddingTokens = totalTokens.Value / sortedData.Length;
        }

        // Create EmbeddingResult for each embedding with token count
        var results = new EmbeddingResult[sortedData.Length];
        for (int i = 0; i < sortedData.Length; i++)
        {
            results[i] = perEmbeddingTokens.HasValue
                ? EmbeddingResult.FromVectorWithTokens(sortedData[i].Embedding, perEmbeddingTokens.Value)
                : EmbeddingResult.FromVector(sortedData[i].Embedding);
        }

        return results;
    }

    private static IEnumerable<string[]> Chunk(string[] items, int chunkSize)
    {
        for (int i = 0; i < items.Length; i += chunkSize)
        {
            var length = Math.Min(chunkSize, items.Length - i);
            var chunk = new string[length];
            Array.Copy(items, i, chunk, 0, length);
            yield return chunk;
        }
    }

    /// <summary>
    /// Request body for OpenAI embeddings API.
    /// </summary>
    private sealed class OpenAIEmbeddingRequest
    {
        [JsonPropertyName("model")]
        public string Model { get; set; } = string.Empty;

        [JsonPropertyName("input")]
        public string[] Input { get; set; } = Array.Empty<string>();
    }

    /// <summary>
    /// Response from OpenAI embeddings API.
    /// </summary>
    private sealed class OpenAIEmbeddingResponse
    {
        [JsonPropertyName("data")]
        public EmbeddingData[] Data { get; set; } = Array.Empty<EmbeddingData>();

        [JsonPropertyName("usage")]
        public UsageInfo? Usage { get; set; }
    }

    private sealed class EmbeddingData
    {
        [JsonPropertyName("index")]
        public int Index { get; set; }

        [JsonPropertyName("embedding")]
        public float[] Embedding { get; set; } = Array.Empty<float>();
    }

    private sealed class UsageInfo
    {
        [JsonPropertyName("prompt_tokens")]
        public int PromptTokens { get; set; }

        [JsonPropertyName("total_tokens")]
        public int TotalTokens { get; set; }
    }
}
}

namespace KernelMemory.Core.Http
{
/// <summary>
/// Simple HTTP retry policy with exponential backoff for transient failures (e.g., 429/503).
/// </summary>
public static class HttpRetryPolicy
{
    /// <summary>
    /// Sends an HTTP request using a request factory, retrying on transient failures.
    /// The request factory must create a new <see cref="HttpRequestMessage"/> each time (requests are single-use).
    /// </summary>
    public static async Task<HttpResponseMessage> SendAsync(
        HttpClient httpClient,
        Func<HttpRequestMessage> requestFactory,
        ILogger logger,
        CancellationToken ct,
        Func<TimeSpan, CancellationToken, Task>? delayAsync = null,
        TimeSpan? perAttemptTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient, nameof(httpClient));
        ArgumentNullException.ThrowIfNull(requestFactory, nameof(requestFactory));
        ArgumentNullException.ThrowIfNull(logger, nameof(logger));

        delayAsync ??= Task.Delay;
        perAttemptTimeout ??= TimeSpan.FromSeconds(Constants.HttpRetryDefaults.DefaultPerAttemptTimeoutSeconds);

        Exception? lastException = null;

        for (int attempt = 1; attempt <= Constants.HttpRetryDefaults.MaxAttempts; attempt++)
        {
            ct.ThrowIfCancellationRequested();

            using var request = requestFactory();

            try
            {
                using var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
                attemptCts.CancelAfter(perAttemptTimeout.Value);

                var response = await httpClient.SendAsync(request, attemptCts.Token).ConfigureAwait(false);

                if (response.IsSuccessStatusCode)
                {
                    return response;
                }

                if (!IsRetryableStatusCode(response.StatusCode) || attempt == Constants.HttpRetryDefaults.MaxAttempts)
                {
                    return response;
                }

                var delay = CalculateDelay(attempt, response);
                logger.LogWarning(
                    "HTTP call failed with {StatusCode}. Retrying attempt {Attempt}/{MaxAttempts} after {DelayMs}ms",
                    (int)response.StatusCode,
                    attempt + 1,
                    Constants.HttpRetryDefaults.MaxAttempts,
                    (int)delay.TotalMilliseconds);

                response.Dispose();
                await delayAsync(delay, ct).ConfigureAwait(false);
            }
            catch (TaskCanceledException ex) when (!ct.IsCancellationRequested) // judged: FG1003 — a per-attempt timeout is recorded and the loop sends the same request to the same endpoint again (rethrown only on the last attempt)
            {
                lastException = ex;
                if (attempt == Constants.HttpRetryDefaults.MaxAttempts)
                {
                    throw;
                }

                var delay = CalculateDelay(attempt, response: null);
                logger.LogWarning(
                    ex,
                    "HTTP call timed out. Retrying attempt {Attempt}/{MaxAttempts} after {DelayMs}ms",
                    attempt + 1,
                    Constants.HttpRetryDefaults.MaxAttempts,
                    (int)delay.TotalMilliseconds);

                await delayAsync(delay, ct).ConfigureAwait(false);
            }
            catch (HttpRequestException ex) // judged: FG1003 — a network failure is retried against the same endpoint after a backoff (rethrown only when not retryable or on the last attempt)
            {
                lastException = ex;
                if (!IsRetryableException(ex) || attempt == Constants.HttpRetryDefaults.MaxAttempts)
                {
                    throw;
                }

                var delay = CalculateDelay(attempt, response: null);
                logger.LogWarning(
                    ex,
                    "HTTP call failed with exception. Retrying attempt {Attempt}/{MaxAttempts} after {DelayMs}ms",
                    attempt + 1,
                    Constants.HttpRetryDefaults.MaxAttempts,
                    (int)delay.TotalMilliseconds);

                await delayAsync(delay, ct).ConfigureAwait(false);
            }
        }

        // Defensive fallback: in normal flow, this is unreachable because:
        // - Successful responses return immediately.
        // - Non-retryable HTTP status codes return immediately (no exception).
        // - Retryable HTTP status codes exhaust attempts and return the final response.
        // - Exceptions either throw (non-retryable / last attempt) or are captured in lastException.
        // Keeping this protects against unexpected future changes to the control flow.
        throw lastException ?? new HttpRequestException("HTTP call failed after retries");
    }

    private static bool IsRetryableException(HttpRequestException ex)
    {
        // Fail fast on common "service not running" / "unreachable" conditions.
        // Retrying these (especially with default HttpClient timeouts) can make test runs appear hung.
        if (ex.InnerException is SocketException socketEx)
        {
            return socketEx.SocketErrorCode != SocketError.ConnectionRefused &&
                   socketEx.SocketErrorCode != SocketError.HostNotFound &&
                   socketEx.SocketErrorCode != SocketError.NetworkUnreachable;
        }

        return true;
    }

    private static bool IsRetryableStatusCode(HttpStatusCode statusCode)
    {
        return statusCode == HttpStatusCode.TooManyRequests ||
               statusCode == HttpStatusCode.RequestTimeout ||
               statusCode == HttpStatusCode.InternalServerError ||
               statusCode == HttpStatusCode.BadGateway ||
               statusCode == HttpStatusCode.ServiceUnavailable ||
               statusCode == HttpStatusCode.GatewayTimeout;
    }

    private static TimeSpan CalculateDelay(int attempt, HttpResponseMessage? response)
    {
        var retryAfter = response != null ? TryGetRetryAfterDelay(response) : null;
        if (retryAfter.HasValue)
        {
            return ClampDelay(retryAfter.Value);
        }

        var exponentialMs = Constants.HttpRetryDefaults.BaseDelayMs * Math.Pow(2, attempt - 1);
        var clampedMs = Math.Min(exponentialMs, Constants.HttpRetryDefaults.MaxDelayMs);

        // Deterministic jitter (avoid Random in deterministic tests/builds)
        var jitterMs = (attempt * 37) % 101;
        return TimeSpan.FromMilliseconds(Math.Min(clampedMs + jitterMs, Constants.HttpRetryDefaults.MaxDelayMs));
    }

    private static TimeSpan ClampDelay(TimeSpan delay)
    {
        var ms = Math.Clamp(delay.TotalMilliseconds, 0, Constants.HttpRetryDefaults.MaxDelayMs);
        return TimeSpan.FromMilliseconds(ms);
    }

    private static TimeSpan? TryGetRetryAfterDelay(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter?.Delta != null)
        {
            return response.Headers.RetryAfter.Delta.Value;
        }

        if (response.Headers.RetryAfter?.Date != null)
        {
            var delta = response.Headers.RetryAfter.Date.Value - DateTimeOffset.UtcNow;
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        return null;
    }
}
}

// Stubs: not from the source repository; they stand in for types the snippet uses.
namespace KernelMemory.Core.Embeddings
{
    public interface IEmbeddingGenerator
    {
        KernelMemory.Core.Config.Enums.EmbeddingsTypes ProviderType { get; }
        string ModelName { get; }
        int VectorDimensions { get; }
        bool IsNormalized { get; }
        Task<EmbeddingResult> GenerateAsync(string text, CancellationToken ct = default);
        Task<EmbeddingResult[]> GenerateAsync(IEnumerable<string> texts, CancellationToken ct = default);
    }

    public sealed class EmbeddingResult
    {
        public static EmbeddingResult FromVector(float[] vector) => throw new NotImplementedException();
        public static EmbeddingResult FromVectorWithTokens(float[] vector, int tokenCount) => throw new NotImplementedException();
    }
}

namespace KernelMemory.Core.Config.Enums
{
    public enum EmbeddingsTypes
    {
        OpenAI,
    }
}

namespace KernelMemory.Core
{
    public static class Constants
    {
        public static class EmbeddingDefaults
        {
            public const string DefaultOpenAIBaseUrl = "https://api.openai.com";
        }

        public static class HttpRetryDefaults
        {
            public const int MaxAttempts = 5;
            public const int DefaultPerAttemptTimeoutSeconds = 60;
            public const int BaseDelayMs = 200;
            public const int MaxDelayMs = 5000;
        }
    }
}
