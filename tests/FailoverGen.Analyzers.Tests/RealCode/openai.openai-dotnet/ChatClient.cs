// Source: https://github.com/openai/openai-dotnet/blob/b3b4bbbc31cebef0f4978071d586856360173c89/OpenAI/src/Custom/Chat/ChatClient.cs (lines 1-26, 140-208; constructors, streaming methods and
// helpers trimmed)
// Licence: MIT
// Chain: ICorpusChain
// Marked: ICorpusChain added to ChatClient so the rules treat it as a provider client
// Notes: this source ChatClient has the same name as OpenAI.Chat.ChatClient in the referenced OpenAI package and shadows it
// (CS0436 warning). The protocol methods it calls (generated code) and the internal helpers are trimmed members or stubs.
// '#nullable disable' added because the OpenAI project compiles with nullable annotations off. The file-scoped namespace
// is written as a block so that the stubs can follow. '#pragma warning disable OPENAI001' added: the explicit
// ClientResult-to-ChatCompletion conversion is experimental in the referenced package.

#pragma warning disable OPENAI001

#nullable disable

using Microsoft.TypeSpec.Generator.Customizations;
using OpenAI.Telemetry;
using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace OpenAI.Chat
{

// CUSTOM:
// - Renamed.
// - Suppressed constructor that takes endpoint parameter; endpoint is now a property in the options class.
// - Suppressed methods that only take the options parameter.
/// <summary> The service client for OpenAI chat operations. </summary>
[CodeGenType("Chat")]
[CodeGenSuppress("ChatClient", typeof(ClientPipeline), typeof(Uri))]
[CodeGenSuppress("CompleteChat", typeof(ChatCompletionOptions), typeof(CancellationToken))]
[CodeGenSuppress("CompleteChatAsync", typeof(ChatCompletionOptions), typeof(CancellationToken))]
public partial class ChatClient : ICorpusChain
{
    private readonly string _model;
    private readonly OpenTelemetrySource _telemetry;

    // … trimmed (constructors)

    /// <summary> Generates a completion for the given chat. </summary>
    /// <param name="messages"> The messages comprising the chat so far. </param>
    /// <param name="options"> The options to configure the chat completion. </param>
    /// <param name="cancellationToken"> A token that can be used to cancel this method call. </param>
    /// <exception cref="ArgumentNullException"> <paramref name="messages"/> is null. </exception>
    /// <exception cref="ArgumentException"> <paramref name="messages"/> is an empty collection, and was expected to be non-empty. </exception>
    public virtual Task<ClientResult<ChatCompletion>> CompleteChatAsync(IEnumerable<ChatMessage> messages, ChatCompletionOptions options = null, CancellationToken cancellationToken = default)
    {
        return CompleteChatAsync(messages, options, cancellationToken.ToRequestOptions() ?? new RequestOptions());
    }

    internal async Task<ClientResult<ChatCompletion>> CompleteChatAsync(IEnumerable<ChatMessage> messages, ChatCompletionOptions options, RequestOptions requestOptions)
    {
        Argument.AssertNotNullOrEmpty(messages, nameof(messages));
        Argument.AssertNotNull(requestOptions, nameof(requestOptions));
        if (requestOptions.BufferResponse is false)
        {
            throw new InvalidOperationException("'requestOptions.BufferResponse' must be 'true' when calling 'CompleteChatAsync'.");
        }

        options ??= new();
        var clonedOptions = CreateChatCompletionOptions(messages, options);
        using OpenTelemetryScope scope = _telemetry.StartChatScope(clonedOptions);

        try
        {
            using BinaryContent content = clonedOptions.ToBinaryContent();

            ClientResult result = await CompleteChatAsync(content, requestOptions).ConfigureAwait(false);
            ChatCompletion chatCompletion = (ChatCompletion)result;
            scope?.RecordChatCompletion(chatCompletion);
            return ClientResult.FromValue(chatCompletion, result.GetRawResponse());
        }
        catch (Exception ex) // judged: none — records the exception on the telemetry scope and rethrows
        {
            scope?.RecordException(ex);
            throw;
        }
    }

    /// <summary> Generates a completion for the given chat. </summary>
    /// <param name="messages"> The messages comprising the chat so far. </param>
    /// <param name="options"> The options to configure the chat completion. </param>
    /// <param name="cancellationToken"> A token that can be used to cancel this method call. </param>
    /// <exception cref="ArgumentNullException"> <paramref name="messages"/> is null. </exception>
    /// <exception cref="ArgumentException"> <paramref name="messages"/> is an empty collection, and was expected to be non-empty. </exception>
    public virtual ClientResult<ChatCompletion> CompleteChat(IEnumerable<ChatMessage> messages, ChatCompletionOptions options = null, CancellationToken cancellationToken = default)
    {
        Argument.AssertNotNullOrEmpty(messages, nameof(messages));

        options ??= new();
        var clonedOptions = CreateChatCompletionOptions(messages, options);
        using OpenTelemetryScope scope = _telemetry.StartChatScope(clonedOptions);

        try
        {
            using BinaryContent content = clonedOptions.ToBinaryContent();
            ClientResult result = CompleteChat(content, cancellationToken.ToRequestOptions());
            ChatCompletion chatCompletion = (ChatCompletion)result;

            scope?.RecordChatCompletion(chatCompletion);
            return ClientResult.FromValue(chatCompletion, result.GetRawResponse());
        }
        catch (Exception ex) // judged: none — records the exception on the telemetry scope and rethrows
        {
            scope?.RecordException(ex);
            throw;
        }
    }

    // … trimmed: the generated protocol methods (send the request through Pipeline and throw ClientResultException on an error status)
    public virtual Task<ClientResult> CompleteChatAsync(BinaryContent content, RequestOptions options = null) => throw new NotImplementedException();

    public virtual ClientResult CompleteChat(BinaryContent content, RequestOptions options = null) => throw new NotImplementedException();

    private ChatCompletionOptions CreateChatCompletionOptions(IEnumerable<ChatMessage> messages, ChatCompletionOptions options, bool stream = false)
        => throw new NotImplementedException(); // … trimmed (clones the options and sets messages, model and stream flags)
}
}

// Stubs: not from the source repository; they stand in for types the snippet uses.
public interface ICorpusChain { }

namespace OpenAI.Chat
{
    internal static class ChatCompletionOptionsStubExtensions
    {
        // Stands in for the internal ChatCompletionOptions.ToBinaryContent() of the OpenAI library.
        public static BinaryContent ToBinaryContent(this ChatCompletionOptions options) => throw new NotImplementedException();
    }
}

namespace OpenAI
{
    internal static class Argument
    {
        public static void AssertNotNull<T>(T value, string name) { }

        public static void AssertNotNullOrEmpty<T>(IEnumerable<T> value, string name) { }
    }

    internal static class CancellationTokenExtensions
    {
        public static RequestOptions ToRequestOptions(this CancellationToken cancellationToken, bool streaming = false) => throw new NotImplementedException();
    }
}

namespace OpenAI.Telemetry
{
    internal class OpenTelemetrySource
    {
        public OpenTelemetryScope StartChatScope(OpenAI.Chat.ChatCompletionOptions completionsOptions) => throw new NotImplementedException();
    }

    internal class OpenTelemetryScope : IDisposable
    {
        public void RecordChatCompletion(OpenAI.Chat.ChatCompletion completion) { }

        public void RecordException(Exception ex) { }

        public void Dispose() { }
    }
}

namespace Microsoft.TypeSpec.Generator.Customizations
{
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Enum)]
    internal sealed class CodeGenTypeAttribute : Attribute
    {
        public CodeGenTypeAttribute(string originalName) { }
    }

    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true)]
    internal sealed class CodeGenSuppressAttribute : Attribute
    {
        public CodeGenSuppressAttribute(string member, params Type[] parameters) { }
    }
}
