// Source: https://github.com/awaescher/OllamaSharp/blob/6ef00f49a93a3941408ef826d3e4b3fccca844a2/src/OllamaSharp/OllamaApiClient.cs (lines 1-56, 88-119, 175-182, 194-211, 358-504;
// the other constructors and the model-management/generate endpoints are trimmed)
// Licence: MIT
// Chain: Microsoft.Extensions.AI.IChatClient
// Notes: the project compiles with implicit usings, written out here. The file-scoped namespace is written as a block so
// that the stubs can follow.

using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;
using OllamaSharp.Constants;
using OllamaSharp.MicrosoftAi;
using OllamaSharp.Models;
using OllamaSharp.Models.Chat;
using OllamaSharp.Models.Exceptions;

namespace OllamaSharp
{

/// <summary>
/// The default client to use the Ollama API conveniently.
/// <see href="https://github.com/jmorganca/ollama/blob/main/docs/api.md"/>
/// </summary>
public class OllamaApiClient : IOllamaApiClient, IChatClient, IEmbeddingGenerator<string, Embedding<float>>
{
	/// <summary>
	/// Gets the default request headers that are sent to the Ollama API.
	/// </summary>
	public Dictionary<string, string> DefaultRequestHeaders { get; } = [];

	/// <summary>
	/// Gets the serializer options for outgoing web requests like Post or Delete.
	/// </summary>
	public JsonSerializerOptions OutgoingJsonSerializerOptions { get; }

	/// <summary>
	/// Gets the serializer options used for deserializing HTTP responses.
	/// </summary>
	public JsonSerializerOptions IncomingJsonSerializerOptions { get; }

	/// <summary>
	/// Gets the current configuration of the API client.
	/// </summary>
	public Configuration Config { get; }

	/// <inheritdoc />
	public Uri Uri => _client.BaseAddress!;

	/// <inheritdoc />
	public string SelectedModel { get; set; }

	/// <summary>
	/// Gets the <see cref="HttpClient"/> used to communicate with the Ollama API.
	/// </summary>
	private readonly HttpClient _client;
	/// <summary>
	/// If true, the <see cref="HttpClient"/> will be disposed when the <see cref="OllamaApiClient"/> is disposed.
	/// </summary>
	private readonly bool _disposeHttpClient;

	// … trimmed (convenience constructors)

	/// <summary>
	/// Creates a new instance of the Ollama API client.
	/// </summary>
	/// <param name="client">The HTTP client to access the Ollama API with.</param>
	/// <param name="defaultModel">The default model that should be used with Ollama.</param>
	/// <param name="jsonSerializerContext">The JSON serializer context for source generation (optional, for NativeAOT scenarios).</param>
	/// <exception cref="ArgumentNullException"></exception>
	public OllamaApiClient(HttpClient client, string defaultModel = "", JsonSerializerContext? jsonSerializerContext = null)
	{
		_client = client ?? throw new ArgumentNullException(nameof(client));
		Config = new Configuration
		{
			Uri = client.BaseAddress ?? throw new InvalidOperationException("HttpClient base address is not set!"),
			Model = defaultModel,
			JsonSerializerContext = jsonSerializerContext
		};
		SelectedModel = defaultModel;

		// Configure JSON serialization options
		if (jsonSerializerContext is null)
		{
			// Use standard serialization without source generation for better compatibility
			OutgoingJsonSerializerOptions = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
			IncomingJsonSerializerOptions = new JsonSerializerOptions();
		}
		else
		{
			// Use source generation for NativeAOT scenarios
			OutgoingJsonSerializerOptions = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, TypeInfoResolver = jsonSerializerContext };
			IncomingJsonSerializerOptions = new JsonSerializerOptions { TypeInfoResolver = jsonSerializerContext };
		}
	}

	// … trimmed (model management, generate and blob endpoints)

	/// <inheritdoc />
	public Task<EmbedResponse> EmbedAsync(EmbedRequest request, CancellationToken cancellationToken = default)
	{
		if (string.IsNullOrEmpty(request.Model))
			request.Model = SelectedModel;

		return PostAsync<EmbedRequest, EmbedResponse>(Endpoints.Embed, request, cancellationToken);
	}

	/// <inheritdoc />
	public async IAsyncEnumerable<ChatResponseStream?> ChatAsync(ChatRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
	{
		if (string.IsNullOrEmpty(request.Model))
			request.Model = SelectedModel;

		using var requestMessage = new HttpRequestMessage(HttpMethod.Post, Endpoints.Chat);
		requestMessage.Content = new StringContent(JsonSerializer.Serialize(request, OutgoingJsonSerializerOptions), Encoding.UTF8, MimeTypes.Json);

		var completion = request.Stream
			? HttpCompletionOption.ResponseHeadersRead
			: HttpCompletionOption.ResponseContentRead;

		using var response = await SendToOllamaAsync(requestMessage, request, completion, cancellationToken).ConfigureAwait(false);

		await foreach (var result in ProcessStreamedChatResponseAsync(response, cancellationToken).ConfigureAwait(false))
			yield return result;
	}

	// … trimmed (generic GET/POST helpers and the generate stream reader)
	private Task<TResponse> PostAsync<TRequest, TResponse>(string endpoint, TRequest ollamaRequest, CancellationToken cancellationToken) where TRequest : OllamaRequest
		=> throw new NotImplementedException(); // … trimmed (POSTs JSON through SendToOllamaAsync and deserializes the body)

	private async IAsyncEnumerable<ChatResponseStream?> ProcessStreamedChatResponseAsync(HttpResponseMessage response, [EnumeratorCancellation] CancellationToken cancellationToken)
	{
		using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
		using var reader = new StreamReader(stream);

		while (!cancellationToken.IsCancellationRequested)
		{
			var line = await reader.ReadLineAsync().ConfigureAwait(false);
			if (line == null)
				break;
			var streamedResponse = JsonSerializer.Deserialize<ChatResponseStream>(line, IncomingJsonSerializerOptions);

			yield return streamedResponse?.Done ?? false
				? JsonSerializer.Deserialize<ChatDoneResponseStream>(line, IncomingJsonSerializerOptions)!
				: streamedResponse;
		}
	}

	/// <summary>
	/// Sends an HTTP request message to the Ollama API.
	/// </summary>
	/// <param name="requestMessage">The HTTP request message to send.</param>
	/// <param name="ollamaRequest">The request containing custom HTTP request headers.</param>
	/// <param name="completionOption">When the operation should complete (as soon as a response is available or after reading the whole response content).</param>
	/// <param name="cancellationToken">The token to cancel the operation with.</param>
	protected virtual async Task<HttpResponseMessage> SendToOllamaAsync(HttpRequestMessage requestMessage, OllamaRequest? ollamaRequest, HttpCompletionOption completionOption, CancellationToken cancellationToken)
	{
		requestMessage.ApplyCustomHeaders(DefaultRequestHeaders, ollamaRequest);

		var response = await _client.SendAsync(requestMessage, completionOption, cancellationToken).ConfigureAwait(false);

		await EnsureSuccessStatusCodeAsync(response).ConfigureAwait(false);

		return response;
	}

	private async Task EnsureSuccessStatusCodeAsync(HttpResponseMessage response)
	{
		if (response.StatusCode == HttpStatusCode.BadRequest)
		{
			var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false) ?? string.Empty;

			var errorElement = new JsonElement();

			var couldParse = false;

			try
			{
				couldParse = JsonDocument.Parse(body).RootElement.TryGetProperty("error", out errorElement);
			}
			catch (JsonException) // judged: none — JsonException from parsing the 400 error body; the method throws OllamaException right after, and non-400 failures go to EnsureSuccessStatusCode
			{
				// parsing failed, this is optional
			}

			var errorString = (couldParse ? errorElement.GetString() : body) ?? string.Empty;

			if (errorString.Contains("does not support tools"))
				throw new ModelDoesNotSupportToolsException(errorString);

			throw new OllamaException(errorString);
		}

		response.EnsureSuccessStatusCode();
	}

	#region IChatClient and IEmbeddingGenerator implementation

	private ChatClientMetadata? _chatClientMetadata;
	private EmbeddingGeneratorMetadata? _embeddingGeneratorMetadata;

	/// <inheritdoc/>
	async Task<ChatResponse> IChatClient.GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
	{
		var request = AbstractionMapper.ToOllamaSharpChatRequest(this, messages, options, stream: false, OutgoingJsonSerializerOptions);
		var response = await ChatAsync(request, cancellationToken).StreamToEndAsync().ConfigureAwait(false);
		return AbstractionMapper.ToChatResponse(response, response?.Model ?? request.Model ?? SelectedModel) ?? new ChatResponse([]);
	}

	/// <inheritdoc/>
	async IAsyncEnumerable<ChatResponseUpdate> IChatClient.GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
	{
		var request = AbstractionMapper.ToOllamaSharpChatRequest(this, messages, options, stream: true, OutgoingJsonSerializerOptions);

		string responseId = Guid.NewGuid().ToString("N");
		await foreach (var response in ChatAsync(request, cancellationToken).ConfigureAwait(false))
			yield return AbstractionMapper.ToChatResponseUpdate(response, responseId);
	}

	/// <inheritdoc/>
	async Task<GeneratedEmbeddings<Embedding<float>>> IEmbeddingGenerator<string, Embedding<float>>.GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options, CancellationToken cancellationToken)
	{
		var request = AbstractionMapper.ToOllamaEmbedRequest(values, options);
		var result = await EmbedAsync(request, cancellationToken).ConfigureAwait(false);
		return AbstractionMapper.ToGeneratedEmbeddings(request, result, request.Model ?? SelectedModel);
	}

	/// <inheritdoc/>
	object? IChatClient.GetService(Type serviceKey, object? key) =>
		key is not null ? null :
		serviceKey == typeof(ChatClientMetadata) ? (_chatClientMetadata = new(Application.Ollama, Uri, SelectedModel)) :
		serviceKey?.IsInstanceOfType(this) is true ? this :
		null;

	/// <inheritdoc />
	object? IEmbeddingGenerator.GetService(Type serviceKey, object? key) =>
		key is not null ? null :
		serviceKey == typeof(EmbeddingGeneratorMetadata) ? (_embeddingGeneratorMetadata = new(Application.Ollama, Uri, SelectedModel)) :
		serviceKey?.IsInstanceOfType(this) is true ? this :
		null;

	/// <summary>
	/// Releases the resources used by the <see cref="OllamaApiClient"/> instance.
	/// Disposes the internal HTTP client if it was created internally.
	/// </summary>
	public void Dispose()
	{
		GC.SuppressFinalize(this);

		if (_disposeHttpClient)
			_client.Dispose();
	}

	#endregion

	/// <summary>
	/// The configuration for the Ollama API client.
	/// </summary>
	public class Configuration
	{
		/// <summary>
		/// Gets or sets the URI of the Ollama API endpoint.
		/// </summary>
		public Uri Uri { get; set; } = null!;

		/// <summary>
		/// Gets or sets the model that should be used.
		/// </summary>
		public string Model { get; set; } = null!;

		/// <summary>
		/// Gets or sets the JSON serializer context for source generation (optional, for NativeAOT scenarios).
		/// When null, standard System.Text.Json serialization is used without source generation for better compatibility.
		/// </summary>
		public JsonSerializerContext? JsonSerializerContext { get; set; } = null;
	}
}
}

// Stubs: not from the source repository; they stand in for types the snippet uses.
namespace OllamaSharp
{
	public interface IOllamaApiClient { }

	internal static class HttpRequestMessageExtensions
	{
		public static void ApplyCustomHeaders(this HttpRequestMessage requestMessage, Dictionary<string, string> headers, OllamaRequest? ollamaRequest) { }
	}

	public static class IAsyncEnumerableExtensions
	{
		public static Task<ChatDoneResponseStream?> StreamToEndAsync(this IAsyncEnumerable<ChatResponseStream?> stream, Action<ChatResponseStream?>? itemCallback = null)
			=> throw new NotImplementedException();
	}

}

namespace OllamaSharp.Constants
{
	internal static class Endpoints
	{
		public const string Chat = "api/chat";
		public const string Embed = "api/embed";
	}

	internal static class MimeTypes
	{
		public const string Json = "application/json";
	}

	internal static class Application
	{
		public const string Ollama = "ollama";
	}
}

namespace OllamaSharp.Models
{
	public abstract class OllamaRequest
	{
	}

	public class EmbedRequest : OllamaRequest
	{
		public string Model { get; set; } = null!;
	}

	public class EmbedResponse
	{
	}
}

namespace OllamaSharp.Models.Chat
{
	public class ChatRequest : OllamaRequest
	{
		public string? Model { get; set; }

		public bool Stream { get; set; } = true;
	}

	public class ChatResponseStream
	{
		public string Model { get; set; } = null!;

		public bool Done { get; set; }
	}

	public class ChatDoneResponseStream : ChatResponseStream
	{
	}
}

namespace OllamaSharp.Models.Exceptions
{
	public class OllamaException : Exception
	{
		public OllamaException(string message) : base(message) { }
	}

	public class ModelDoesNotSupportToolsException : OllamaException
	{
		public ModelDoesNotSupportToolsException(string message) : base(message) { }
	}
}

namespace OllamaSharp.MicrosoftAi
{
	internal static class AbstractionMapper
	{
		public static ChatRequest ToOllamaSharpChatRequest(IChatClient? chatClient, IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream, System.Text.Json.JsonSerializerOptions serializerOptions)
			=> throw new NotImplementedException();

		public static ChatResponse? ToChatResponse(ChatDoneResponseStream? stream, string? usedModel) => throw new NotImplementedException();

		public static ChatResponseUpdate ToChatResponseUpdate(ChatResponseStream? response, string responseId) => throw new NotImplementedException();

		public static EmbedRequest ToOllamaEmbedRequest(IEnumerable<string> values, EmbeddingGenerationOptions? options) => throw new NotImplementedException();

		public static GeneratedEmbeddings<Embedding<float>> ToGeneratedEmbeddings(EmbedRequest ollamaRequest, EmbedResponse ollamaResponse, string? usedModel) => throw new NotImplementedException();
	}
}
