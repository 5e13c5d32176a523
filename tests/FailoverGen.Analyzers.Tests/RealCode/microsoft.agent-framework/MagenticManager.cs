// Source: https://github.com/microsoft/agent-framework/blob/5eb3eb745e16324ac7bffb1dbe006d8f13c8d993/dotnet/src/Microsoft.Agents.AI.Workflows/Specialized/Magentic/MagenticManager.cs (lines 3-122)
// Licence: MIT
// Chain: ICorpusChain
// Marked: ICorpusChain added to MagenticManager so the rules treat it as a provider client (it calls the manager AIAgent)
using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Microsoft.Agents.AI.Workflows.Specialized.Magentic
{

internal class MagenticManager(AIAgent managerAgent) : ICorpusChain
{
    private static async ValueTask<ChatMessage> CheckResponseAsync(Task<AgentResponse> responseTask, IWorkflowContext context, CancellationToken cancellationToken)
    {
        AgentResponse response = await responseTask.ConfigureAwait(false);

        if (response.Messages.Count == 0)
        {
            throw new InvalidOperationException("Planner Agent did not return any messages.");
        }

        if (response.Messages.Count > 1)
        {
            await context.AddEventAsync(new WorkflowWarningEvent("Planner Agent returned multiple messages; using the last one."), cancellationToken)
                         .ConfigureAwait(false);
        }

        return response.Messages[response.Messages.Count - 1];
    }

    private ValueTask<ChatMessage> InvokeAgentAsync(IEnumerable<ChatMessage> messages, IWorkflowContext context, CancellationToken cancellationToken, AgentSession? session = null)
        => CheckResponseAsync(managerAgent.RunAsync(messages, session, cancellationToken: cancellationToken), context, cancellationToken);

    // … trimmed (UpdatePlanAsync)

    public async ValueTask UpdateProgressLedgerAsync(MagenticTaskContext taskContext, IWorkflowContext context, CancellationToken cancellationToken)
    {
        ChatMessage progressRequest = new(ChatRole.User, taskContext.ToProgressLedgerPrompt());

        ExceptionDispatchInfo? lastException = null;
        int maxRetryCount = taskContext.TaskLimits.MaxProgressLedgerRetryCount;
        for (int attempts = 0; attempts < maxRetryCount; attempts++)
        {
            ChatMessage progressUpdateMessage = await this.InvokeAgentAsync(
                                                              messages: [.. taskContext.ChatHistory, progressRequest],
                                                              context,
                                                              cancellationToken)
                                                           .ConfigureAwait(false);

            try
            {
                lastException = null;
                JsonElement stateUpdateJson = progressUpdateMessage.ExtractJson();
                if (!taskContext.ProgressLedger.TryUpdateState(stateUpdateJson))
                {
                    throw new InvalidOperationException("Could not answer progress ledger questions with provided JSON.");
                }

                break;
            }
            catch (Exception e) // judged: none — the try only parses the model's JSON (the agent call is outside it, so provider failures propagate); the parse failure is captured and rethrown after the loop via lastException?.Throw(). Not FG1003 either: the loop re-asks after malformed output, not after a provider failure
            {
                lastException = ExceptionDispatchInfo.Capture(e);

                string warnString = $"Progress ledger JSON parse failed (attempt {attempts}/{maxRetryCount}): {e}";
                await context.AddEventAsync(new WorkflowWarningEvent(warnString), cancellationToken).ConfigureAwait(false);

                if (attempts < maxRetryCount)
                {
                    await Task.Delay(250 * attempts, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        lastException?.Throw();
    }

    // … trimmed (PrepareFinalAnswerAsync)
}
}

// Stubs: not from the source repository; they stand in for types the snippet uses.
public interface ICorpusChain
{
}

namespace Microsoft.Agents.AI
{
    public abstract class AIAgent
    {
        public Task<AgentResponse> RunAsync(IEnumerable<ChatMessage> messages, AgentSession? session = null, AgentRunOptions? options = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    }

    public class AgentResponse
    {
        public IList<ChatMessage> Messages => throw new NotImplementedException();
    }

    public class AgentSession
    {
    }

    public class AgentRunOptions
    {
    }
}

namespace Microsoft.Agents.AI.Workflows
{
    public interface IWorkflowContext
    {
        ValueTask AddEventAsync(WorkflowEvent workflowEvent, CancellationToken cancellationToken = default);
    }

    public class WorkflowEvent
    {
    }

    public sealed class WorkflowWarningEvent : WorkflowEvent
    {
        public WorkflowWarningEvent(string message) => throw new NotImplementedException();
    }

    public sealed class MagenticProgressLedger
    {
        internal bool TryUpdateState(JsonElement element) => throw new NotImplementedException();
    }
}

namespace Microsoft.Agents.AI.Workflows.Specialized.Magentic
{
    internal sealed class MagenticTaskContext
    {
        public List<ChatMessage> ChatHistory => throw new NotImplementedException();

        public MagenticTaskLimits TaskLimits => throw new NotImplementedException();

        public MagenticProgressLedger ProgressLedger => throw new NotImplementedException();

        public string ToProgressLedgerPrompt() => throw new NotImplementedException();
    }

    internal sealed class MagenticTaskLimits
    {
        public int MaxProgressLedgerRetryCount => throw new NotImplementedException();
    }

    internal static class ChatMessageExtensions
    {
        public static JsonElement ExtractJson(this ChatMessage message) => throw new NotImplementedException();
    }
}
