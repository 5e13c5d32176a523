// Source: https://github.com/microsoft/semantic-kernel/blob/b39d95a34435f4c1d55dd00c86120ce118d847e1/dotnet/src/Agents/AzureAI/Internal/AgentThreadActions.cs (lines 1-38, 122-353, 914-946)
// Licence: MIT
// Chain: ICorpusChain
// Marked: ICorpusChain added to the stub AzureAIAgent (the real caller of AgentThreadActions.InvokeAsync), because AgentThreadActions is a static class
// Note: the file-scoped namespace became a block namespace and the class is made partial so that its trimmed helper (GenerateMessageContent) can be stubbed;
// unused usings (System.Text.Json, Agents.Extensions, Connectors.FunctionCalling) are dropped with the code that used them.
using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.AI.Agents.Persistent;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel.Agents.AzureAI.Extensions;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Microsoft.SemanticKernel.Agents.AzureAI.Internal
{
/// <summary>
/// Actions associated with an Open Assistant thread.
/// </summary>
internal static partial class AgentThreadActions
{
    private static readonly HashSet<RunStatus> s_pollingStatuses =
    [
        RunStatus.Queued,
        RunStatus.InProgress,
        RunStatus.Cancelling,
    ];

    private static readonly HashSet<RunStatus> s_failureStatuses =
    [
        RunStatus.Expired,
        RunStatus.Failed,
        RunStatus.Cancelled,
    ];

    /// <summary>
    /// Invoke the assistant on the specified thread.
    /// In the enumeration returned by this method, a message is considered visible if it is intended to be displayed to the user.
    /// Example of a non-visible message is function-content for functions that are automatically executed.
    /// </summary>
    /// <param name="agent">The assistant agent to interact with the thread.</param>
    /// <param name="client">The assistant client</param>
    /// <param name="threadId">The thread identifier</param>
    /// <param name="invocationOptions">Options to utilize for the invocation</param>
    /// <param name="logger">The logger to utilize (might be agent or channel scoped)</param>
    /// <param name="kernel">The <see cref="Kernel"/> plugins and other state.</param>
    /// <param name="arguments">Optional arguments to pass to the agents's invocation, including any <see cref="PromptExecutionSettings"/>.</param>
    /// <param name="cancellationToken">The <see cref="CancellationToken"/> to monitor for cancellation requests. The default is <see cref="CancellationToken.None"/>.</param>
    /// <returns>Asynchronous enumeration of messages.</returns>
    public static async IAsyncEnumerable<(bool IsVisible, ChatMessageContent Message)> InvokeAsync(
        AzureAIAgent agent,
        PersistentAgentsClient client,
        string threadId,
        AzureAIInvocationOptions? invocationOptions,
        ILogger logger,
        Kernel kernel,
        KernelArguments? arguments,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        logger.LogAzureAIAgentCreatingRun(nameof(InvokeAsync), threadId);

        List<ToolDefinition> tools = new(agent.Definition.Tools);

        // … trimmed: unique kernel functions are added to the tool list

        string? instructions = await agent.GetInstructionsAsync(kernel, arguments, cancellationToken).ConfigureAwait(false);

        ThreadRun run = await client.CreateAsync(threadId, agent, instructions, [.. tools], invocationOptions, cancellationToken).ConfigureAwait(false);

        logger.LogAzureAIAgentCreatedRun(nameof(InvokeAsync), run.Id, threadId);

        // … trimmed: the function-call processor and its options, used by the tool-call step below

        // Evaluate status and process steps and messages, as encountered.
        HashSet<string> processedStepIds = [];
        Dictionary<string, FunctionResultContent> functionSteps = [];
        do
        {
            // Check for cancellation
            cancellationToken.ThrowIfCancellationRequested();

            // Poll run and steps until actionable
            await PollRunStatusAsync().ConfigureAwait(false);

            // Is in terminal state?
            if (s_failureStatuses.Contains(run.Status))
            {
                throw new KernelException($"Agent Failure - Run terminated: {run.Status} [{run.Id}]: {run.LastError?.Message ?? "Unknown"}");
            }

            List<RunStep> steps = [];
            await foreach (var step in client.GetStepsAsync(run, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                steps.Add(step);
            }

            // … trimmed: when the run requires action, the requested kernel functions are invoked (FunctionCallsProcessor) and their outputs submitted to the run

            // Enumerate completed messages
            logger.LogAzureAIAgentProcessingRunMessages(nameof(InvokeAsync), run.Id, threadId);

            IEnumerable<RunStep> completedStepsToProcess =
                steps
                    .Where(s => s.CompletedAt.HasValue && !processedStepIds.Contains(s.Id))
                    .OrderBy(s => s.CreatedAt);

            int messageCount = 0;
            foreach (RunStep completedStep in completedStepsToProcess)
            {
                if (completedStep.Type == RunStepType.ToolCalls)
                {
                    // … trimmed: code-interpreter and function-result steps become chat messages
                }
                else if (completedStep.Type == RunStepType.MessageCreation)
                {
                    // Retrieve the message
                    RunStepMessageCreationDetails messageDetails = (RunStepMessageCreationDetails)completedStep.StepDetails;
                    PersistentThreadMessage? message = await RetrieveMessageAsync(client, threadId, messageDetails.MessageCreation.MessageId, agent.PollingOptions.MessageSynchronizationDelay, cancellationToken).ConfigureAwait(false);

                    if (message is not null)
                    {
                        ChatMessageContent content = GenerateMessageContent(agent.GetName(), message, completedStep, logger);

                        if (content.Items.Count > 0)
                        {
                            ++messageCount;

                            yield return (IsVisible: true, Message: content);
                        }
                    }
                }

                processedStepIds.Add(completedStep.Id);
            }

            logger.LogAzureAIAgentProcessedRunMessages(nameof(InvokeAsync), messageCount, run.Id, threadId);
        }
        while (RunStatus.Completed != run.Status);

        logger.LogAzureAIAgentCompletedRun(nameof(InvokeAsync), run.Id, threadId);

        // Local function to assist in run polling (participates in method closure).
        async Task PollRunStatusAsync()
        {
            logger.LogAzureAIAgentPollingRunStatus(nameof(PollRunStatusAsync), run.Id, threadId);

            int count = 0;

            do
            {
                cancellationToken.ThrowIfCancellationRequested();

                if (count > 0)
                {
                    // Reduce polling frequency after a couple attempts
                    await Task.Delay(agent.PollingOptions.GetPollingInterval(count), cancellationToken).ConfigureAwait(false);
                }

                ++count;

                try
                {
                    run = await client.Runs.GetRunAsync(threadId, run.Id, cancellationToken).ConfigureAwait(false);
                }
                // The presence of a `Status` code means the server responded with error...always fail in that case
                catch (ClientResultException clientException) when (clientException.Status <= 0) // judged: FG1003 — a failure without a response (status 0: network error, timeout) polls the same run again with `continue` until MaximumRetryCount, then rethrows
                {
                    // Check maximum retry count
                    if (count >= agent.PollingOptions.MaximumRetryCount)
                    {
                        throw;
                    }

                    // Retry for potential transient failure
                    continue;
                }
                catch (AggregateException aggregateException) when (aggregateException.InnerException is ClientResultException innerClientException) // judged: FG1003 — the same hand-rolled retry for a ClientResultException wrapped in an AggregateException; failures with a status are rethrown
                {
                    // The presence of a `Status` code means the server responded with error
                    if (innerClientException.Status > 0)
                    {
                        throw;
                    }

                    // Check maximum retry count
                    if (count >= agent.PollingOptions.MaximumRetryCount)
                    {
                        throw;
                    }

                    // Retry for potential transient failure
                    continue;
                }
            }
            while (s_pollingStatuses.Contains(run.Status));

            logger.LogAzureAIAgentPolledRunStatus(nameof(PollRunStatusAsync), run.Status, run.Id, threadId);
        }
    }


    private static async Task<PersistentThreadMessage?> RetrieveMessageAsync(PersistentAgentsClient client, string threadId, string messageId, TimeSpan syncDelay, CancellationToken cancellationToken)
    {
        PersistentThreadMessage? message = null;

        bool retry = false;
        int count = 0;
        do
        {
            try
            {
                message = await client.Messages.GetMessageAsync(threadId, messageId, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException exception) // judged: FG1001 — any failure other than 404 (429, 5xx) sets retry = false, the loop ends and null is returned; InvokeAsync then silently skips the message
            {
                // Step has provided the message-id.  Retry on of NotFound/404 exists.
                // Extremely rarely there might be a synchronization issue between the
                // assistant response and message-service.
                retry = exception.Status == (int)HttpStatusCode.NotFound && count < 3;
            }

            if (retry)
            {
                await Task.Delay(syncDelay, cancellationToken).ConfigureAwait(false);
            }

            ++count;
        }
        while (retry);

        return message;
    }
}
}

// Stubs: not from the source repository; they stand in for types the snippet uses.
public interface ICorpusChain
{
}

namespace Microsoft.SemanticKernel.Agents.AzureAI.Internal
{
    internal static partial class AgentThreadActions
    {
        private static ChatMessageContent GenerateMessageContent(string? agentName, PersistentThreadMessage message, RunStep? completedStep = null, ILogger? logger = null) => throw new NotImplementedException();
    }
}

namespace Microsoft.SemanticKernel.Agents.AzureAI
{
    public sealed class AzureAIAgent : ICorpusChain
    {
        public PersistentAgent Definition { get; } = new();
        public RunPollingOptions PollingOptions { get; } = new();
        public string Id { get; } = string.Empty;
        public string? GetName() => throw new NotImplementedException();
        public Task<string?> GetInstructionsAsync(Kernel kernel, KernelArguments? arguments, CancellationToken cancellationToken) => throw new NotImplementedException();

        public IAsyncEnumerable<(bool IsVisible, ChatMessageContent Message)> InvokeAsync(PersistentAgentsClient client, string threadId, ILogger logger, Kernel kernel, CancellationToken cancellationToken)
            => Internal.AgentThreadActions.InvokeAsync(this, client, threadId, null, logger, kernel, null, cancellationToken);
    }

    public sealed class AzureAIInvocationOptions
    {
    }

    public sealed class RunPollingOptions
    {
        public int MaximumRetryCount { get; set; } = 3;
        public TimeSpan MessageSynchronizationDelay { get; set; } = TimeSpan.FromMilliseconds(500);
        public TimeSpan GetPollingInterval(int iterationCount) => throw new NotImplementedException();
    }

    internal static class AgentThreadActionsLogMessages
    {
        public static void LogAzureAIAgentCreatingRun(this ILogger logger, string methodName, string threadId) { }
        public static void LogAzureAIAgentCreatedRun(this ILogger logger, string methodName, string runId, string threadId) { }
        public static void LogAzureAIAgentProcessingRunMessages(this ILogger logger, string methodName, string runId, string threadId) { }
        public static void LogAzureAIAgentProcessedRunMessages(this ILogger logger, string methodName, int messageCount, string runId, string threadId) { }
        public static void LogAzureAIAgentCompletedRun(this ILogger logger, string methodName, string runId, string threadId) { }
        public static void LogAzureAIAgentPollingRunStatus(this ILogger logger, string methodName, string runId, string threadId) { }
        public static void LogAzureAIAgentPolledRunStatus(this ILogger logger, string methodName, RunStatus runStatus, string runId, string threadId) { }
    }
}

namespace Microsoft.SemanticKernel.Agents.AzureAI.Extensions
{
    internal static class AgentRunExtensions
    {
        public static IAsyncEnumerable<RunStep> GetStepsAsync(this PersistentAgentsClient client, ThreadRun run, CancellationToken cancellationToken) => throw new NotImplementedException();
        public static Task<ThreadRun> CreateAsync(this PersistentAgentsClient client, string threadId, AzureAIAgent agent, string? instructions, ToolDefinition[] tools, AzureAIInvocationOptions? invocationOptions, CancellationToken cancellationToken) => throw new NotImplementedException();
    }
}

namespace Azure.AI.Agents.Persistent
{
    public class PersistentAgentsClient
    {
        public virtual RunsClient Runs => throw new NotImplementedException();
        public virtual MessagesClient Messages => throw new NotImplementedException();
    }

    public class RunsClient
    {
        public virtual Task<Response<ThreadRun>> GetRunAsync(string threadId, string runId, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    }

    public class MessagesClient
    {
        public virtual Task<Response<PersistentThreadMessage>> GetMessageAsync(string threadId, string messageId, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    }

    public class PersistentAgent
    {
        public IReadOnlyList<ToolDefinition> Tools { get; } = [];
    }

    public class ToolDefinition
    {
    }

    public enum RunStatus
    {
        Queued,
        InProgress,
        RequiresAction,
        Cancelling,
        Cancelled,
        Failed,
        Completed,
        Expired,
    }

    public class RunError
    {
        public string Message { get; } = string.Empty;
    }

    public class ThreadRun
    {
        public string Id { get; } = string.Empty;
        public RunStatus Status { get; }
        public RunError? LastError { get; }
    }

    public enum RunStepType
    {
        MessageCreation,
        ToolCalls,
    }

    public class RunStepDetails
    {
    }

    public class RunStepMessageCreationReference
    {
        public string MessageId { get; } = string.Empty;
    }

    public class RunStepMessageCreationDetails : RunStepDetails
    {
        public RunStepMessageCreationReference MessageCreation { get; } = new();
    }

    public class RunStep
    {
        public string Id { get; } = string.Empty;
        public RunStepType Type { get; }
        public RunStepDetails StepDetails { get; } = new();
        public DateTimeOffset CreatedAt { get; }
        public DateTimeOffset? CompletedAt { get; }
    }

    public class PersistentThreadMessage
    {
    }
}
