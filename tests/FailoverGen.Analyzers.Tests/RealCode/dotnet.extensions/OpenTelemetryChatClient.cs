// Source: https://github.com/dotnet/extensions/blob/5862342c9a100ca33f5d1f2bd58c511bde1e8f40/src/Libraries/Microsoft.Extensions.AI/ChatCompletion/OpenTelemetryChatClient.cs (lines 1-271; the private helpers at lines 273-609 are reduced to trimmed bodies)
// Licence: MIT
// Chain: Microsoft.Extensions.AI.IChatClient
// Notes: the file-scoped namespace is written as a block so that the stubs can follow.

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Shared.Diagnostics;

#pragma warning disable CA1307 // Specify StringComparison for clarity
#pragma warning disable CA1308 // Normalize strings to uppercase
#pragma warning disable SA1111 // Closing parenthesis should be on line of last parameter
#pragma warning disable SA1113 // Comma should be on the same line as previous parameter

namespace Microsoft.Extensions.AI
{

/// <summary>Represents a delegating chat client that implements the OpenTelemetry Semantic Conventions for Generative AI systems.</summary>
/// <remarks>
/// This class provides an implementation of the Semantic Conventions for Generative AI systems v1.41, defined at <see href="https://opentelemetry.io/docs/specs/semconv/gen-ai/" />.
/// The specification is still experimental and subject to change; as such, the telemetry output by this client is also subject to change.
/// </remarks>
public sealed partial class OpenTelemetryChatClient : DelegatingChatClient
{
    internal const string SensitiveDataEnabledCustomKey = "__EnableSensitiveData__";
    internal const string SensitiveDataEnabledTrueValue = "true";

    private readonly ActivitySource _activitySource;
    private readonly Meter _meter;

    private readonly ILogger? _logger;

    private readonly Histogram<int> _tokenUsageHistogram;
    private readonly Histogram<double> _operationDurationHistogram;
    private readonly Histogram<double> _timeToFirstChunkHistogram;
    private readonly Histogram<double> _timePerOutputChunkHistogram;

    private readonly string? _defaultModelId;
    private readonly string? _providerName;
    private readonly string? _serverAddress;
    private readonly int _serverPort;

    private JsonSerializerOptions _jsonSerializerOptions;

    /// <summary>Initializes a new instance of the <see cref="OpenTelemetryChatClient"/> class.</summary>
    /// <param name="innerClient">The underlying <see cref="IChatClient"/>.</param>
    /// <param name="logger">The <see cref="ILogger"/> to use for emitting any logging data from the client.</param>
    /// <param name="sourceName">An optional source name that will be used on the telemetry data.</param>
    public OpenTelemetryChatClient(IChatClient innerClient, ILogger? logger = null, string? sourceName = null)
        : base(innerClient)
    {
        Debug.Assert(innerClient is not null, "Should have been validated by the base ctor");

        _logger = logger;

        if (innerClient!.GetService<ChatClientMetadata>() is ChatClientMetadata metadata)
        {
            _defaultModelId = metadata.DefaultModelId;
            _providerName = metadata.ProviderName;
            _serverAddress = metadata.ProviderUri?.Host;
            _serverPort = metadata.ProviderUri?.Port ?? 0;
        }

        string name = string.IsNullOrEmpty(sourceName) ? OpenTelemetryConsts.DefaultSourceName : sourceName!;
        _activitySource = new(name);
        _meter = new(name);

        _tokenUsageHistogram = OtelMetricHelpers.CreateGenAITokenUsageHistogram(_meter);
        _operationDurationHistogram = OtelMetricHelpers.CreateGenAIOperationDurationHistogram(_meter);

        _timeToFirstChunkHistogram = _meter.CreateHistogram<double>(
            OpenTelemetryConsts.GenAI.Client.TimeToFirstChunk.Name,
            OpenTelemetryConsts.SecondsUnit,
            OpenTelemetryConsts.GenAI.Client.TimeToFirstChunk.Description,
            advice: new() { HistogramBucketBoundaries = OpenTelemetryConsts.GenAI.Client.TimeToFirstChunk.ExplicitBucketBoundaries }
            );

        _timePerOutputChunkHistogram = _meter.CreateHistogram<double>(
            OpenTelemetryConsts.GenAI.Client.TimePerOutputChunk.Name,
            OpenTelemetryConsts.SecondsUnit,
            OpenTelemetryConsts.GenAI.Client.TimePerOutputChunk.Description,
            advice: new() { HistogramBucketBoundaries = OpenTelemetryConsts.GenAI.Client.TimePerOutputChunk.ExplicitBucketBoundaries }
            );

        _jsonSerializerOptions = AIJsonUtilities.DefaultOptions;
    }

    /// <summary>Gets or sets JSON serialization options to use when formatting chat data into telemetry strings.</summary>
    public JsonSerializerOptions JsonSerializerOptions
    {
        get => _jsonSerializerOptions;
        set => _jsonSerializerOptions = Throw.IfNull(value);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _activitySource.Dispose();
            _meter.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// Gets or sets a value indicating whether potentially sensitive information should be included in telemetry.
    /// </summary>
    /// <value>
    /// <see langword="true"/> if potentially sensitive information should be included in telemetry;
    /// <see langword="false"/> if telemetry shouldn't include raw inputs and outputs.
    /// The default value is <see langword="false"/>, unless the <c>OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT</c>
    /// environment variable is set to "true" (case-insensitive).
    /// </value>
    /// <remarks>
    /// By default, telemetry includes metadata, such as token counts, but not raw inputs
    /// and outputs, such as message content, function call arguments, and function call results.
    /// The default value can be overridden by setting the <c>OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT</c>
    /// environment variable to "true". Explicitly setting this property will override the environment variable.
    /// </remarks>
    public bool EnableSensitiveData { get; set; } = TelemetryHelpers.EnableSensitiveDataDefault;

    /// <inheritdoc/>
    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ActivitySource) ? _activitySource :
        base.GetService(serviceType, serviceKey);

    /// <inheritdoc/>
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        _ = Throw.IfNull(messages);
        _jsonSerializerOptions.MakeReadOnly();

        using Activity? activity = CreateAndConfigureActivity(options);
        Stopwatch? stopwatch = _operationDurationHistogram.Enabled ? Stopwatch.StartNew() : null;
        string? requestModelId = options?.ModelId ?? _defaultModelId;

        AddInputMessagesTags(messages, options, activity);

        ChatResponse? response = null;
        Exception? error = null;
        try
        {
            response = await base.GetResponseAsync(messages, options, cancellationToken);
            return response;
        }
        catch (Exception ex) // judged: none — records the error for the finally-block trace and rethrows
        {
            error = ex;
            throw;
        }
        finally
        {
            TraceResponse(activity, requestModelId, response, error, stopwatch);
        }
    }

    /// <inheritdoc/>
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        _ = Throw.IfNull(messages);
        _jsonSerializerOptions.MakeReadOnly();

        using Activity? activity = CreateAndConfigureActivity(options, streaming: true);
        bool recordChunkHistograms = _timeToFirstChunkHistogram.Enabled || _timePerOutputChunkHistogram.Enabled;
        Stopwatch? stopwatch = _operationDurationHistogram.Enabled || recordChunkHistograms || activity is not null ? Stopwatch.StartNew() : null;
        string? requestModelId = options?.ModelId ?? _defaultModelId;

        AddInputMessagesTags(messages, options, activity);

        IAsyncEnumerable<ChatResponseUpdate> updates;
        try
        {
            updates = base.GetStreamingResponseAsync(messages, options, cancellationToken);
        }
        catch (Exception ex) // judged: none — traces the failure and rethrows
        {
            TraceResponse(activity, requestModelId, response: null, ex, stopwatch);
            throw;
        }

        var responseEnumerator = updates.GetAsyncEnumerator(cancellationToken);
        List<ChatResponseUpdate> trackedUpdates = [];
        TimeSpan lastChunkElapsed = default;
        bool isFirstChunk = true;
        bool responseModelSet = false;
        double? timeToFirstChunk = null;
        TagList chunkMetricTags = default;
        if (recordChunkHistograms)
        {
            AddMetricTags(ref chunkMetricTags, requestModelId, response: null);
        }

        Exception? error = null;
        try
        {
            while (true)
            {
                ChatResponseUpdate update;
                try
                {
                    if (!await responseEnumerator.MoveNextAsync())
                    {
                        break;
                    }

                    update = responseEnumerator.Current;
                }
                catch (Exception ex) // judged: none — records the error for the finally-block trace and rethrows
                {
                    error = ex;
                    throw;
                }

                if (recordChunkHistograms)
                {
                    Debug.Assert(stopwatch is not null, "stopwatch should have been initialized when recordChunkHistograms is true");
                    TimeSpan currentElapsed = stopwatch!.Elapsed;
                    double delta = (currentElapsed - lastChunkElapsed).TotalSeconds;

                    if (!responseModelSet && update.ModelId is string modelId)
                    {
                        chunkMetricTags.Add(OpenTelemetryConsts.GenAI.Response.Model, modelId);
                        responseModelSet = true;
                    }

                    if (isFirstChunk)
                    {
                        isFirstChunk = false;
                        timeToFirstChunk = delta;
                        if (_timeToFirstChunkHistogram.Enabled)
                        {
                            _timeToFirstChunkHistogram.Record(delta, chunkMetricTags);
                        }
                    }
                    else if (_timePerOutputChunkHistogram.Enabled)
                    {
                        _timePerOutputChunkHistogram.Record(delta, chunkMetricTags);
                    }

                    lastChunkElapsed = currentElapsed;
                }
                else if (activity is not null && timeToFirstChunk is null)
                {
                    Debug.Assert(stopwatch is not null, "stopwatch should have been initialized when activity is not null");
                    timeToFirstChunk = stopwatch!.Elapsed.TotalSeconds;
                }

                trackedUpdates.Add(update);
                yield return update;
                if (activity is not null)
                {
                    Activity.Current = activity; // workaround for https://github.com/dotnet/runtime/issues/47802
                }
            }
        }
        finally
        {
            TraceResponse(activity, requestModelId, trackedUpdates.ToChatResponse(), error, stopwatch, timeToFirstChunk);

            await responseEnumerator.DisposeAsync();
        }
    }

    /// <summary>Creates an activity for a chat request, or returns <see langword="null"/> if not enabled.</summary>
    private Activity? CreateAndConfigureActivity(ChatOptions? options, bool streaming = false)
    {
        // … trimmed (starts an activity on _activitySource and adds request tags)
        return null;
    }

    /// <summary>Adds chat response information to the activity.</summary>
    private void TraceResponse(
        Activity? activity,
        string? requestModelId,
        ChatResponse? response,
        Exception? error,
        Stopwatch? stopwatch,
        double? timeToFirstChunk = null)
    {
        // … trimmed (records duration and token histograms, error type and response tags)
    }

    private void AddMetricTags(ref TagList tags, string? requestModelId, ChatResponse? response)
    {
        // … trimmed (adds operation, model, provider and server tags)
    }

    private void AddInputMessagesTags(IEnumerable<ChatMessage> messages, ChatOptions? options, Activity? activity)
    {
        // … trimmed (adds the input messages as a tag when sensitive data is enabled)
    }
}
}

// Stubs: not from the source repository; they stand in for types the snippet uses.
namespace Microsoft.Extensions.AI
{
    internal static class OpenTelemetryConsts
    {
        public const string DefaultSourceName = "Experimental.Microsoft.Extensions.AI";
        public const string SecondsUnit = "s";

        public static class GenAI
        {
            public static class Client
            {
                public static class TimeToFirstChunk
                {
                    public const string Name = "gen_ai.client.operation.time_to_first_chunk";
                    public const string Description = "Time to receive the first chunk from a streaming response";
                    public static readonly double[] ExplicitBucketBoundaries = [0.01];
                }

                public static class TimePerOutputChunk
                {
                    public const string Name = "gen_ai.client.operation.time_per_output_chunk";
                    public const string Description = "Time elapsed between streamed output chunks after the first chunk";
                    public static readonly double[] ExplicitBucketBoundaries = [0.01];
                }
            }

            public static class Response
            {
                public const string Model = "gen_ai.response.model";
            }
        }
    }

    internal static class OtelMetricHelpers
    {
        public static System.Diagnostics.Metrics.Histogram<int> CreateGenAITokenUsageHistogram(System.Diagnostics.Metrics.Meter meter) => throw new System.NotImplementedException();

        public static System.Diagnostics.Metrics.Histogram<double> CreateGenAIOperationDurationHistogram(System.Diagnostics.Metrics.Meter meter) => throw new System.NotImplementedException();
    }

    internal static class TelemetryHelpers
    {
        public static bool EnableSensitiveDataDefault => false;
    }
}

namespace Microsoft.Shared.Diagnostics
{
    internal static class Throw
    {
        public static T IfNull<T>(T argument, [System.Runtime.CompilerServices.CallerArgumentExpression("argument")] string paramName = "")
            => argument ?? throw new System.ArgumentNullException(paramName);
    }
}
