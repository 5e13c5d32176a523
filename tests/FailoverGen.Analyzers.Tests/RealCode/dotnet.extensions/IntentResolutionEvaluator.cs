// Source: https://github.com/dotnet/extensions/blob/5862342c9a100ca33f5d1f2bd58c511bde1e8f40/src/Libraries/Microsoft.Extensions.AI.Evaluation.Quality/IntentResolutionEvaluator.cs (lines 1-163, 321-406; input validation and the
// evaluation prompt builder trimmed)
// Licence: MIT
// Chain: Microsoft.Extensions.AI.Evaluation.IEvaluator
// Notes: IEvaluator and the evaluation types live in Microsoft.Extensions.AI.Evaluation(.Quality), which is not referenced,
// so they are stubbed. '#pragma warning disable AIEVAL001' added; the file-scoped namespace is written as a block.

#pragma warning disable AIEVAL001

using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI.Evaluation.Quality.Utilities;
using Microsoft.Extensions.AI.Evaluation.Utilities;
using Microsoft.Shared.Diagnostics;

namespace Microsoft.Extensions.AI.Evaluation.Quality
{

/// <summary>
/// An <see cref="IEvaluator"/> that evaluates an AI system's effectiveness at identifying and resolving user intent.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="IntentResolutionEvaluator"/> evaluates an AI system's effectiveness at identifying and resolving user
/// intent based on the supplied conversation history and the tool definitions supplied via
/// <see cref="IntentResolutionEvaluatorContext.ToolDefinitions"/>.
/// </para>
/// <para>
/// Note that at the moment, <see cref="IntentResolutionEvaluator"/> only supports evaluating calls to tools that are
/// defined as <see cref="AIFunctionDeclaration"/>s. Any other <see cref="AITool"/> definitions that are supplied via
/// <see cref="IntentResolutionEvaluatorContext.ToolDefinitions"/> will be ignored.
/// </para>
/// <para>
/// <see cref="IntentResolutionEvaluator"/> returns a <see cref="NumericMetric"/> that contains a score for 'Intent
/// Resolution'. The score is a number between 1 and 5, with 1 indicating a poor score, and 5 indicating an excellent
/// score.
/// </para>
/// <para>
/// <b>Note:</b> <see cref="IntentResolutionEvaluator"/> is an AI-based evaluator that uses an AI model to perform its
/// evaluation. While the prompt that this evaluator uses to perform its evaluation is designed to be model-agnostic,
/// the performance of this prompt (and the resulting evaluation) can vary depending on the model used, and can be
/// especially poor when a smaller / local model is used.
/// </para>
/// <para>
/// The prompt that <see cref="IntentResolutionEvaluator"/> uses has been tested against (and tuned to work well with)
/// the following models. So, using this evaluator with a model from the following list is likely to produce the best
/// results. (The model to be used can be configured via <see cref="ChatConfiguration.ChatClient"/>.)
/// </para>
/// <para>
/// <b>GPT-4o</b>
/// </para>
/// </remarks>
[Experimental("AIEVAL001")]
public sealed class IntentResolutionEvaluator : IEvaluator
{
    /// <summary>
    /// Gets the <see cref="EvaluationMetric.Name"/> of the <see cref="NumericMetric"/> returned by
    /// <see cref="IntentResolutionEvaluator"/>.
    /// </summary>
    public static string IntentResolutionMetricName => "Intent Resolution";

    /// <inheritdoc/>
    public IReadOnlyCollection<string> EvaluationMetricNames { get; } = [IntentResolutionMetricName];

    private static readonly ChatOptions _chatOptions =
        new ChatOptions
        {
            Temperature = 0.0f,
            MaxOutputTokens = 800,
            TopP = 1.0f,
            PresencePenalty = 0.0f,
            FrequencyPenalty = 0.0f,
            ResponseFormat = ChatResponseFormat.Json
        };

    /// <inheritdoc/>
    public async ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages,
        ChatResponse modelResponse,
        ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null,
        CancellationToken cancellationToken = default)
    {
        _ = Throw.IfNull(modelResponse);
        _ = Throw.IfNull(chatConfiguration);

        var metric = new NumericMetric(IntentResolutionMetricName);
        var result = new EvaluationResult(metric);
        metric.MarkAsBuiltIn();

        // … trimmed (input validation that adds an error diagnostic and returns early)

        IntentResolutionEvaluatorContext? context =
            additionalContext?.OfType<IntentResolutionEvaluatorContext>().FirstOrDefault();

        List<ChatMessage> evaluationInstructions = GetEvaluationInstructions(messages, modelResponse, context);

        (ChatResponse evaluationResponse, TimeSpan evaluationDuration) =
            await TimingHelper.ExecuteWithTimingAsync(() =>
                chatConfiguration.ChatClient.GetResponseAsync(
                    evaluationInstructions,
                    _chatOptions,
                    cancellationToken)).ConfigureAwait(false);

        if (context is not null)
        {
            metric.AddOrUpdateContext(context);
        }

        await ParseEvaluationResponseAsync(
            metric,
            evaluationResponse,
            evaluationDuration,
            chatConfiguration,
            cancellationToken).ConfigureAwait(false);

        return result;
    }

    private static List<ChatMessage> GetEvaluationInstructions(
        IEnumerable<ChatMessage> messages,
        ChatResponse modelResponse,
        IntentResolutionEvaluatorContext? context)
    {
        // … trimmed (builds the system prompt and the evaluation prompt)
        throw new NotImplementedException();
    }

    private static async ValueTask ParseEvaluationResponseAsync(
        NumericMetric metric,
        ChatResponse evaluationResponse,
        TimeSpan evaluationDuration,
        ChatConfiguration chatConfiguration,
        CancellationToken cancellationToken)
    {
        IntentResolutionRating rating;

        string evaluationResponseText = evaluationResponse.Text.Trim();
        if (string.IsNullOrEmpty(evaluationResponseText))
        {
            rating = IntentResolutionRating.Inconclusive;
            metric.AddDiagnostics(
                EvaluationDiagnostic.Error("The model failed to produce a valid evaluation response."));
        }
        else
        {
            try
            {
                rating = IntentResolutionRating.FromJson(evaluationResponseText);
            }
            catch (JsonException) // judged: none — JsonException from parsing the model's text cannot carry a provider failure; the repair call to the model inside this catch is not guarded against provider failures, so a 429/5xx from it propagates
            {
                try
                {
                    string repairedJson =
                        await JsonOutputFixer.RepairJsonAsync(
                            evaluationResponseText,
                            chatConfiguration,
                            cancellationToken).ConfigureAwait(false);

                    if (string.IsNullOrWhiteSpace(repairedJson))
                    {
                        rating = IntentResolutionRating.Inconclusive;
                        metric.AddDiagnostics(
                            EvaluationDiagnostic.Error(
                                $"""
                                Failed to repair the following response from the model and parse the score for '{IntentResolutionMetricName}':
                                {evaluationResponseText}
                                """));
                    }
                    else
                    {
                        rating = IntentResolutionRating.FromJson(repairedJson);
                    }
                }
                catch (JsonException ex) // judged: none — JsonException only (the repaired output still does not parse); provider failures from RepairJsonAsync are not caught
                {
                    rating = IntentResolutionRating.Inconclusive;
                    metric.AddDiagnostics(
                        EvaluationDiagnostic.Error(
                            $"""
                            Failed to repair the following response from the model and parse the score for '{IntentResolutionMetricName}':
                            {evaluationResponseText}
                            {ex}
                            """));
                }
            }
        }

        UpdateMetric();

        void UpdateMetric()
        {
            metric.AddOrUpdateChatMetadata(evaluationResponse, evaluationDuration);
            metric.Value = rating.ResolutionScore;
            metric.Interpretation = metric.InterpretScore();
            metric.Reason = rating.Explanation;

            if (!string.IsNullOrWhiteSpace(rating.AgentPerceivedIntent))
            {
                metric.AddOrUpdateMetadata("agent_perceived_intent", rating.AgentPerceivedIntent!);
            }

            if (!string.IsNullOrWhiteSpace(rating.ActualUserIntent))
            {
                metric.AddOrUpdateMetadata("actual_user_intent", rating.ActualUserIntent!);
            }

            metric.AddOrUpdateMetadata("conversation_has_intent", rating.ConversationHasIntent.ToString());
            metric.AddOrUpdateMetadata("correct_intent_detected", rating.CorrectIntentDetected.ToString());
            metric.AddOrUpdateMetadata("intent_resolved", rating.IntentResolved.ToString());
        }
    }
}
}

// Stubs: not from the source repository; they stand in for types the snippet uses.
namespace Microsoft.Extensions.AI.Evaluation
{
    public interface IEvaluator
    {
        IReadOnlyCollection<string> EvaluationMetricNames { get; }

        ValueTask<EvaluationResult> EvaluateAsync(
            IEnumerable<ChatMessage> messages,
            ChatResponse modelResponse,
            ChatConfiguration? chatConfiguration = null,
            IEnumerable<EvaluationContext>? additionalContext = null,
            CancellationToken cancellationToken = default);
    }

    public sealed class ChatConfiguration
    {
        public ChatConfiguration(IChatClient chatClient) => ChatClient = chatClient;

        public IChatClient ChatClient { get; }
    }

    public abstract class EvaluationContext
    {
    }

    public sealed class EvaluationResult
    {
        public EvaluationResult(params EvaluationMetric[] metrics) { }
    }

    public class EvaluationMetric
    {
        public EvaluationMetric(string name) => Name = name;

        public string Name { get; }

        public string? Reason { get; set; }

        public EvaluationMetricInterpretation? Interpretation { get; set; }

        public void AddDiagnostics(params EvaluationDiagnostic[] diagnostics) { }

        public void AddOrUpdateMetadata(string name, string value) { }

        public void AddOrUpdateContext(params EvaluationContext[] context) { }

        public void AddOrUpdateChatMetadata(ChatResponse response, TimeSpan? duration = null) { }

        internal void MarkAsBuiltIn() { }
    }

    public sealed class NumericMetric : EvaluationMetric
    {
        public NumericMetric(string name) : base(name) { }

        public double? Value { get; set; }

        internal EvaluationMetricInterpretation InterpretScore() => new();
    }

    public sealed class EvaluationMetricInterpretation
    {
    }

    public sealed class EvaluationDiagnostic
    {
        public static EvaluationDiagnostic Error(string message) => new();
    }
}

namespace Microsoft.Extensions.AI.Evaluation.Utilities
{
    internal static class TimingHelper
    {
        public static ValueTask<(TResult result, TimeSpan duration)> ExecuteWithTimingAsync<TResult>(Func<Task<TResult>> operation)
            => throw new NotImplementedException();
    }
}

namespace Microsoft.Extensions.AI.Evaluation.Quality
{
    public sealed class IntentResolutionEvaluatorContext : EvaluationContext
    {
        public IReadOnlyList<AITool> ToolDefinitions { get; } = [];
    }

    internal sealed class IntentResolutionRating
    {
        public static IntentResolutionRating Inconclusive { get; } = new();

        public int ResolutionScore { get; set; }

        public string? Explanation { get; set; }

        public string? AgentPerceivedIntent { get; set; }

        public string? ActualUserIntent { get; set; }

        public bool ConversationHasIntent { get; set; }

        public bool CorrectIntentDetected { get; set; }

        public bool IntentResolved { get; set; }

        public static IntentResolutionRating FromJson(string json) => throw new NotImplementedException();
    }
}

namespace Microsoft.Extensions.AI.Evaluation.Quality.Utilities
{
    internal static class JsonOutputFixer
    {
        internal static ValueTask<string> RepairJsonAsync(string json, ChatConfiguration chatConfig, CancellationToken cancellationToken)
            => throw new NotImplementedException();
    }
}

namespace Microsoft.Shared.Diagnostics
{
    internal static class Throw
    {
        public static T IfNull<T>([System.Diagnostics.CodeAnalysis.NotNull] T argument, [System.Runtime.CompilerServices.CallerArgumentExpression("argument")] string paramName = "")
            => argument ?? throw new ArgumentNullException(paramName);
    }
}
