// Source: https://github.com/betalgo/openai/blob/7c4859e368a2fd6b28ff731985ec5f074988b140/OpenAI.SDK/Managers/OpenAICompletions.cs (lines 1-89)
// Licence: MIT
// Chain: Betalgo.Ranul.OpenAI.Interfaces.ICompletionService
// The source project has ImplicitUsings enabled; these usings stand in for them.
using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Betalgo.Ranul.OpenAI.Extensions;
using Betalgo.Ranul.OpenAI.Interfaces;
using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;
using Betalgo.Ranul.OpenAI.ObjectModels.ResponseModels;

namespace Betalgo.Ranul.OpenAI.Managers
{

public partial class OpenAIService : ICompletionService
{
    /// <inheritdoc />
    public async Task<CompletionCreateResponse> CreateCompletion(CompletionCreateRequest createCompletionRequest, string? modelId = null, CancellationToken cancellationToken = default)
    {
        createCompletionRequest.ProcessModelId(modelId, _defaultModelId);
        return await _httpClient.PostAndReadAsAsync<CompletionCreateResponse>(_endpointProvider.CompletionCreate(), createCompletionRequest, cancellationToken);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<CompletionCreateResponse> CreateCompletionAsStream(CompletionCreateRequest createCompletionRequest, string? modelId = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Mark the request as streaming
        createCompletionRequest.Stream = true;

        // Send the request to the CompletionCreate endpoint
        createCompletionRequest.ProcessModelId(modelId, _defaultModelId);

        using var response = _httpClient.PostAsStreamAsync(_endpointProvider.CompletionCreate(), createCompletionRequest, cancellationToken);

        if (!response.IsSuccessStatusCode)
        {
            yield return await response.HandleResponseContent<CompletionCreateResponse>(cancellationToken);
            yield break;
        }

        // Ensure that we parse headers only once to improve performance a little bit.
        var httpStatusCode = response.StatusCode;
        var headerValues = response.ParseHeaders();

#if NET7_0_OR_GREATER
        await using var stream = await response.Content.ReadAsStreamAsync();
#else
        using var stream = await response.Content.ReadAsStreamAsync();
#endif
        using var reader = new StreamReader(stream);
        // Continuously read the stream until the end of it
        while (!reader.EndOfStream)
        {
            cancellationToken.ThrowIfCancellationRequested();

            var line = await reader.ReadLineAsync();
            // Skip empty lines
            if (string.IsNullOrEmpty(line))
            {
                continue;
            }

            line = line.RemoveIfStartWith("data: ");

            // Exit the loop if the stream is done
            if (line.StartsWith("[DONE]"))
            {
                break;
            }

            CompletionCreateResponse? block;
            try
            {
                // When the response is good, each line is a serializable CompletionCreateRequest
                block = JsonSerializer.Deserialize<CompletionCreateResponse>(line);
            }
            catch (Exception) // judged: none — the try only deserializes a line already read from the stream (no provider call); on a parse failure the rest of the in-band error body is read and parsed instead
            {
                // When the API returns an error, it does not come back as a block, it returns a single character of text ("{").
                // In this instance, read through the rest of the response, which should be a complete object to parse.
                line += await reader.ReadToEndAsync();
                block = JsonSerializer.Deserialize<CompletionCreateResponse>(line);
            }


            if (null != block)
            {
                block.HttpStatusCode = httpStatusCode;
                block.HeaderValues = headerValues;
                yield return block;
            }
        }
    }
}
}

// Stubs: not from the source repository; they stand in for types the snippet uses.
namespace Betalgo.Ranul.OpenAI.Interfaces
{
    public interface ICompletionService
    {
        Task<CompletionCreateResponse> CreateCompletion(CompletionCreateRequest createCompletionRequest, string? modelId = null, CancellationToken cancellationToken = default);

        IAsyncEnumerable<CompletionCreateResponse> CreateCompletionAsStream(CompletionCreateRequest createCompletionRequest, string? modelId = null, CancellationToken cancellationToken = default);
    }
}

namespace Betalgo.Ranul.OpenAI.ObjectModels.RequestModels
{
    public class CompletionCreateRequest
    {
        public bool? Stream { get; set; }
    }
}

namespace Betalgo.Ranul.OpenAI.ObjectModels.ResponseModels
{
    public class CompletionCreateResponse
    {
        public HttpStatusCode HttpStatusCode { get; set; }

        public ResponseHeaderValues? HeaderValues { get; set; }
    }

    public class ResponseHeaderValues
    {
    }
}

namespace Betalgo.Ranul.OpenAI.EndpointProviders
{
    internal interface IOpenAIEndpointProvider
    {
        string CompletionCreate();
    }
}

namespace Betalgo.Ranul.OpenAI.Extensions
{
    public static class HttpClientExtensions
    {
        public static Task<TResponse> PostAndReadAsAsync<TResponse>(this HttpClient client, string uri, object? requestModel, CancellationToken cancellationToken = default) => throw new NotImplementedException();

        public static HttpResponseMessage PostAsStreamAsync(this HttpClient client, string uri, object requestModel, CancellationToken cancellationToken = default) => throw new NotImplementedException();

        public static Task<TResponse> HandleResponseContent<TResponse>(this HttpResponseMessage response, CancellationToken cancellationToken) => throw new NotImplementedException();

        public static ResponseHeaderValues ParseHeaders(this HttpResponseMessage response) => throw new NotImplementedException();
    }

    public static class StringExtensions
    {
        public static string RemoveIfStartWith(this string text, string search) => throw new NotImplementedException();
    }

    public static class ModelExtension
    {
        public static void ProcessModelId(this CompletionCreateRequest modelFromObject, string? modelFromParameter, string? defaultModelId, bool allowNull = false) => throw new NotImplementedException();
    }
}

namespace Betalgo.Ranul.OpenAI.Managers
{
    // Stand-in for the main part of the partial class (OpenAIService.cs).
    public partial class OpenAIService
    {
        private readonly Betalgo.Ranul.OpenAI.EndpointProviders.IOpenAIEndpointProvider _endpointProvider = null!;
        private readonly HttpClient _httpClient = null!;
        private string? _defaultModelId;
    }
}
