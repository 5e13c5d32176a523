// Source: https://github.com/microsoft/agent-framework/blob/5eb3eb745e16324ac7bffb1dbe006d8f13c8d993/dotnet/src/Microsoft.Agents.AI.Mem0/Mem0Provider.cs (lines 3-302)
// Licence: MIT
// Chain: ICorpusChain
// Marked: ICorpusChain added to Mem0Provider so the rules treat it as a provider client (it calls the Mem0 HTTP service through Mem0Client)
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.Logging;
using Microsoft.Shared.Diagnostics;

namespace Microsoft.Agents.AI.Mem0
{

#pragma warning disable IDE0001 // Simplify Names - Microsoft.Extensions.Logging.LogLevel.Trace doesn't get found in net472 when removing the namespace.
/// <summary>
/// Provides a Mem0 backed <see cref="MessageAIContextProvider"/> that persists conversation messages as memories
/// and retrieves related memories to augment the agent invocation context.
/// </summary>
/// <remarks>
/// <para>
/// The provider stores user, assistant and system messages as Mem0 memories and retrieves relevant memories
/// for new invocations using a semantic search endpoint. Retrieved memories are injected as user messages
/// to the model, prefixed by a configurable context prompt.
/// </para>
/// <para>
/// <strong>Security considerations:</strong>
/// <list type="bullet">
/// <item><description><strong>External service trust:</strong> This provider communicates with an external Mem0 service over HTTP.
/// Agent Framework does not manage authentication, encryption, or connection details for this service — these are the responsibility
/// of the <see cref="HttpClient"/> configuration. Ensure the HTTP client is configured with appropriate authentication
/// and uses HTTPS to protect data in transit.</description></item>
/// <item><description><strong>PII and sensitive data:</strong> Conversation messages (including user inputs, LLM responses, and system
/// instructions) are sent to the external Mem0 service for storage. These messages may contain PII or sensitive information.
/// Ensure the Mem0 service is configured with appropriate data retention policies and access controls.</description></item>
/// <item><description><strong>Indirect prompt injection:</strong> Memories retrieved from the Mem0 service are injected into the LLM
/// context as user messages. If the memory store is compromised, adversarial content could influence LLM behavior. The data
/// returned from the service is accepted as-is without validation or sanitization.</description></item>
/// <item><description><strong>Trace logging:</strong> When <see cref="Microsoft.Extensions.Logging.LogLevel.Trace"/> is enabled,
/// full memory content (including search queries and results) may be logged. This data may contain PII and should not be enabled
/// in production environments.</description></item>
/// </list>
/// </para>
/// </remarks>
public sealed class Mem0Provider : MessageAIContextProvider, ICorpusChain
#pragma warning restore IDE0001 // Simplify Names
{
    private const string DefaultContextPrompt = "## Memories\nConsider the following memories when answering user questions:";

    private readonly ProviderSessionState<State> _sessionState;
    private IReadOnlyList<string>? _stateKeys;
    private readonly string _contextPrompt;
    private readonly Redactor _redactor;

    private readonly Mem0Client _client;
    private readonly ILogger<Mem0Provider>? _logger;

    // … trimmed (constructor)


    /// <inheritdoc />
    public override IReadOnlyList<string> StateKeys => this._stateKeys ??= [this._sessionState.StateKey];

    // … trimmed (state initializer validation)


    /// <inheritdoc />
    protected override async ValueTask<IEnumerable<ChatMessage>> ProvideMessagesAsync(InvokingContext context, CancellationToken cancellationToken = default)
    {
        Throw.IfNull(context);

        var state = this._sessionState.GetOrInitializeState(context.Session);
        var searchScope = state.SearchScope;

        string queryText = string.Join(
            Environment.NewLine,
                context.RequestMessages
                .Where(m => !string.IsNullOrWhiteSpace(m.Text))
                .Select(m => m.Text));

        try
        {
            var memories = (await this._client.SearchAsync(
                searchScope.ApplicationId,
                searchScope.AgentId,
                searchScope.ThreadId,
                searchScope.UserId,
                queryText,
                cancellationToken).ConfigureAwait(false)).ToList();

            var outputMessageText = memories.Count == 0
                ? null
                : $"{this._contextPrompt}\n{string.Join(Environment.NewLine, memories)}";

            if (this._logger?.IsEnabled(LogLevel.Information) is true)
            {
                this._logger.LogInformation(
                    "Mem0AIContextProvider: Retrieved {Count} memories. ApplicationId: '{ApplicationId}', AgentId: '{AgentId}', ThreadId: '{ThreadId}', UserId: '{UserId}'.",
                    memories.Count,
                    searchScope.ApplicationId,
                    searchScope.AgentId,
                    searchScope.ThreadId,
                    this.SanitizeLogData(searchScope.UserId));

                if (outputMessageText is not null && this._logger.IsEnabled(LogLevel.Trace))
                {
                    this._logger.LogTrace(
                        "Mem0AIContextProvider: Search Results\nInput:{Input}\nOutput:{MessageText}\nApplicationId: '{ApplicationId}', AgentId: '{AgentId}', ThreadId: '{ThreadId}', UserId: '{UserId}'.",
                        this.SanitizeLogData(queryText),
                        this.SanitizeLogData(outputMessageText),
                        searchScope.ApplicationId,
                        searchScope.AgentId,
                        searchScope.ThreadId,
                        this.SanitizeLogData(searchScope.UserId));
                }
            }

            return outputMessageText is not null
                ? [new ChatMessage(ChatRole.User, outputMessageText)]
                : [];
        }
        catch (ArgumentException) // judged: none — ArgumentException (no scope id given) cannot carry a provider failure, and it is rethrown
        {
            throw;
        }
        catch (Exception ex) // judged: FG1001 — a Mem0 HTTP failure (EnsureSuccessStatusCode on 429/5xx, network error, timeout) is logged and becomes an empty memory list
        {
            if (this._logger?.IsEnabled(LogLevel.Error) is true)
            {
                this._logger.LogError(
                    ex,
                    "Mem0AIContextProvider: Failed to search Mem0 for memories due to error. ApplicationId: '{ApplicationId}', AgentId: '{AgentId}', ThreadId: '{ThreadId}', UserId: '{UserId}'.",
                    searchScope.ApplicationId,
                    searchScope.AgentId,
                    searchScope.ThreadId,
                    this.SanitizeLogData(searchScope.UserId));
            }

            return [];
        }
    }

    /// <inheritdoc />
    protected override async ValueTask StoreAIContextAsync(InvokedContext context, CancellationToken cancellationToken = default)
    {
        var state = this._sessionState.GetOrInitializeState(context.Session);
        var storageScope = state.StorageScope;

        try
        {
            // Persist request and response messages after invocation.
            await this.PersistMessagesAsync(
                storageScope,
                context.RequestMessages
                    .Concat(context.ResponseMessages ?? []),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) // judged: FG1001 — a failure storing memories over HTTP is only logged
        {
            if (this._logger?.IsEnabled(LogLevel.Error) is true)
            {
                this._logger.LogError(
                    ex,
                    "Mem0AIContextProvider: Failed to send messages to Mem0 due to error. ApplicationId: '{ApplicationId}', AgentId: '{AgentId}', ThreadId: '{ThreadId}', UserId: '{UserId}'.",
                    storageScope.ApplicationId,
                    storageScope.AgentId,
                    storageScope.ThreadId,
                    this.SanitizeLogData(storageScope.UserId));
            }
        }
    }

    // … trimmed (ClearStoredMemoriesAsync)

    private async Task PersistMessagesAsync(Mem0ProviderScope storageScope, IEnumerable<ChatMessage> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            switch (message.Role)
            {
                case ChatRole u when u == ChatRole.User:
                case ChatRole a when a == ChatRole.Assistant:
                case ChatRole s when s == ChatRole.System:
                    break;
                default:
                    continue; // ignore other roles
            }

            if (string.IsNullOrWhiteSpace(message.Text))
            {
                continue;
            }

            await this._client.CreateMemoryAsync(
                storageScope.ApplicationId,
                storageScope.AgentId,
                storageScope.ThreadId,
                storageScope.UserId,
                message.Text,
                message.Role.Value,
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Represents the state of a <see cref="Mem0Provider"/> stored in the <see cref="AgentSession.StateBag"/>.
    /// </summary>
    public sealed class State
    {
        /// <summary>
        /// Initializes a new instance of the <see cref="State"/> class with the specified storage and search scopes.
        /// </summary>
        /// <param name="storageScope">The scope to use when storing memories.</param>
        /// <param name="searchScope">The scope to use when searching for memories. If null, the storage scope will be used for searching as well.</param>
        [JsonConstructor]
        public State(Mem0ProviderScope storageScope, Mem0ProviderScope? searchScope = null)
        {
            this.StorageScope = Throw.IfNull(storageScope);
            this.SearchScope = searchScope ?? storageScope;
        }

        /// <summary>
        /// Gets the scope used when storing memories.
        /// </summary>
        public Mem0ProviderScope StorageScope { get; }

        /// <summary>
        /// Gets the scope used when searching memories.
        /// </summary>
        public Mem0ProviderScope SearchScope { get; }
    }

    private string SanitizeLogData(string? data) => this._redactor.Redact(data);
}
}

// Stubs: not from the source repository; they stand in for types the snippet uses.
public interface ICorpusChain
{
}

namespace Microsoft.Agents.AI
{
    public class AgentSession
    {
    }

    public abstract class AIContextProvider
    {
        protected AIContextProvider(
            Func<IEnumerable<ChatMessage>, IEnumerable<ChatMessage>>? provideInputMessageFilter = null,
            Func<IEnumerable<ChatMessage>, IEnumerable<ChatMessage>>? storeInputRequestMessageFilter = null,
            Func<IEnumerable<ChatMessage>, IEnumerable<ChatMessage>>? storeInputResponseMessageFilter = null) => throw new NotImplementedException();

        public virtual IReadOnlyList<string> StateKeys => throw new NotImplementedException();

        protected virtual ValueTask StoreAIContextAsync(InvokedContext context, CancellationToken cancellationToken = default) => throw new NotImplementedException();

        public sealed class InvokedContext
        {
            public AgentSession? Session => throw new NotImplementedException();

            public IEnumerable<ChatMessage> RequestMessages => throw new NotImplementedException();

            public IEnumerable<ChatMessage>? ResponseMessages => throw new NotImplementedException();
        }
    }

    public abstract class MessageAIContextProvider : AIContextProvider
    {
        protected MessageAIContextProvider(
            Func<IEnumerable<ChatMessage>, IEnumerable<ChatMessage>>? provideInputMessageFilter = null,
            Func<IEnumerable<ChatMessage>, IEnumerable<ChatMessage>>? storeInputRequestMessageFilter = null,
            Func<IEnumerable<ChatMessage>, IEnumerable<ChatMessage>>? storeInputResponseMessageFilter = null)
            : base(provideInputMessageFilter, storeInputRequestMessageFilter, storeInputResponseMessageFilter)
        {
        }

        protected virtual ValueTask<IEnumerable<ChatMessage>> ProvideMessagesAsync(InvokingContext context, CancellationToken cancellationToken = default) => throw new NotImplementedException();

        public sealed class InvokingContext
        {
            public AgentSession? Session => throw new NotImplementedException();

            public IEnumerable<ChatMessage> RequestMessages => throw new NotImplementedException();
        }
    }

    public class ProviderSessionState<TState>
    {
        public string StateKey => throw new NotImplementedException();

        public TState GetOrInitializeState(AgentSession? session) => throw new NotImplementedException();
    }
}

namespace Microsoft.Agents.AI.Mem0
{
    internal sealed class Mem0Client
    {
        public Task<IEnumerable<string>> SearchAsync(string? applicationId, string? agentId, string? threadId, string? userId, string? inputText, CancellationToken cancellationToken) => throw new NotImplementedException();

        public Task CreateMemoryAsync(string? applicationId, string? agentId, string? threadId, string? userId, string messageContent, string messageRole, CancellationToken cancellationToken) => throw new NotImplementedException();
    }

    public sealed class Mem0ProviderScope
    {
        public string? ApplicationId { get; set; }

        public string? AgentId { get; set; }

        public string? ThreadId { get; set; }

        public string? UserId { get; set; }
    }
}

namespace Microsoft.Extensions.Compliance.Redaction
{
    public abstract class Redactor
    {
        public string Redact(string? source) => throw new NotImplementedException();
    }
}

namespace Microsoft.Shared.Diagnostics
{
    internal static class Throw
    {
        public static T IfNull<T>(T argument) => throw new NotImplementedException();
    }
}
