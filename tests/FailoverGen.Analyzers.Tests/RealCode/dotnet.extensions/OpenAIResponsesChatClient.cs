// Source: https://github.com/dotnet/extensions/blob/5862342c9a100ca33f5d1f2bd58c511bde1e8f40/src/Libraries/Microsoft.Extensions.AI.OpenAI/OpenAIResponsesChatClient.cs (lines 1-34, 1910-1963, closing brace; the rest of the class
// is trimmed and its IChatClient members are reduced to trimmed bodies)
// Licence: MIT
// Chain: Microsoft.Extensions.AI.IChatClient
// Notes: '#pragma warning disable OPENAI001, SCME0001' added because the Responses API and JsonPatch are experimental; the
// file-scoped namespace is written as a block so that the stubs can follow.

#pragma warning disable OPENAI001, SCME0001

using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Shared.DiagnosticIds;
using Microsoft.Shared.Diagnostics;
using OpenAI;
using OpenAI.Responses;

#pragma warning disable S1226 // Method parameters, caught exceptions and foreach variables' initial values should not be ignored
#pragma warning disable S3011 // Reflection should not be used to increase accessibility of classes, methods, or fields
#pragma warning disable S3254 // Default parameter values should not be passed as arguments
#pragma warning disable SA1204 // Static elements should appear before instance elements
#pragma warning disable MEAI001 // OpenAIRequestPolicies is experimental

namespace Microsoft.Extensions.AI
{

/// <summary>Represents an <see cref="IChatClient"/> for an <see cref="ResponsesClient"/>.</summary>
[Experimental(DiagnosticIds.Experiments.AIOpenAIResponses)]
internal sealed class OpenAIResponsesChatClient : IChatClient
{
    // … trimmed (fields, constructors, request/response conversion)

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) => throw new NotImplementedException(); // … trimmed

    /// <inheritdoc />
    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException(); // … trimmed (calls ResponsesClient.CreateResponseAsync and converts the output items)

    /// <inheritdoc />
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException(); // … trimmed (calls ResponsesClient.CreateResponseStreamingAsync and converts the updates)

    /// <inheritdoc />
    void IDisposable.Dispose()
    {
        // Nothing to dispose. … trimmed
    }

    /// <summary>
    /// Tries to extract file references from an unknown <see cref="CodeInterpreterCallOutput"/> by
    /// reading its JSON data via the <see cref="CodeInterpreterCallOutput.Patch"/> property.
    /// </summary>
    private static void AddHostedFileContents(List<AIContent> contents, CodeInterpreterCallOutput output, string? containerId)
    {
        // Try to read a "files" array from the output's raw JSON. The OpenAI API returns file outputs
        // with a "files" array containing objects with "file_id" and "mime_type" properties, but the
        // SDK doesn't expose a public type for them.
        if (!output.Patch.TryGetJson("$.files"u8, out ReadOnlyMemory<byte> filesJson))
        {
            return;
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(filesJson);
        }
        catch (JsonException) // judged: none — JsonException from parsing the output's 'files' JSON (already in memory); no provider call in the try
        {
            return;
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                return;
            }

            foreach (var fileElement in doc.RootElement.EnumerateArray())
            {
                string? fileId =
                    (fileElement.TryGetProperty("file_id", out var idProp) ? idProp.GetString() : null) ??
                    (fileElement.TryGetProperty("id", out idProp) ? idProp.GetString() : null);

                if (fileId is null)
                {
                    continue;
                }

                string? mimeType = fileElement.TryGetProperty("mime_type", out var mimeProp) ? mimeProp.GetString() : null;

                var hfc = new HostedFileContent(fileId) { MediaType = mimeType, RawRepresentation = output };
                if (containerId is not null)
                {
                    hfc.Scope = containerId;
                }

                contents.Add(hfc);
            }
        }
    }
}
}

// Stubs: not from the source repository; they stand in for types the snippet uses.
namespace Microsoft.Shared.DiagnosticIds
{
    internal static class DiagnosticIds
    {
        internal static class Experiments
        {
            internal const string AIOpenAIResponses = "OPENAI001";
        }
    }
}

namespace Microsoft.Shared.Diagnostics
{
    internal static class Throw
    {
    }
}
