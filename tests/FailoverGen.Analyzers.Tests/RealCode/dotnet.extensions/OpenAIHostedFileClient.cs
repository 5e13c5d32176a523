// Source: https://github.com/dotnet/extensions/blob/5862342c9a100ca33f5d1f2bd58c511bde1e8f40/src/Libraries/Microsoft.Extensions.AI.OpenAI/OpenAIHostedFileClient.cs (lines 1-376; UploadAsync, DownloadAsync and ListFilesAsync bodies and the upload-only nested classes trimmed)
// Licence: MIT
// Chain: Microsoft.Extensions.AI.IHostedFileClient
// Notes: '#pragma warning disable MEAI001' added because IHostedFileClient is experimental; the file-scoped namespace
// is written as a block so that the stubs can follow.

#pragma warning disable MEAI001

using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Mime;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Shared.DiagnosticIds;
using Microsoft.Shared.Diagnostics;
using OpenAI;
using OpenAI.Containers;
using OpenAI.Files;

#pragma warning disable CA1031 // Do not catch general exception types
#pragma warning disable IDE0058 // Expression value is never used
#pragma warning disable OPENAI001 // Container file APIs (ContainerFileResource) are experimental

namespace Microsoft.Extensions.AI
{

/// <summary>
/// An <see cref="IHostedFileClient"/> implementation for OpenAI file operations.
/// </summary>
/// <remarks>
/// <para>
/// This client supports both the standard Files API and container-scoped files (used for code interpreter outputs).
/// When a <see cref="HostedFileClientOptions.Scope"/> (container ID) is specified on a per-call options object
/// or as the default scope at construction time, operations target that container. Otherwise, operations use
/// the standard Files API.
/// </para>
/// <para>
/// Depending on how this client is constructed, it may support only file operations, only container operations,
/// or both. If an operation requires a client that was not provided, an <see cref="InvalidOperationException"/> is thrown.
/// </para>
/// </remarks>
[Experimental(DiagnosticIds.Experiments.AIFiles, UrlFormat = DiagnosticIds.UrlFormat)]
internal sealed class OpenAIHostedFileClient : IHostedFileClient
{
    /// <summary>The underlying <see cref="OpenAIFileClient"/> for standard file operations, or <see langword="null"/> if not available.</summary>
    private readonly OpenAIFileClient? _fileClient;

    /// <summary>The underlying <see cref="ContainerClient"/> for container file operations, or <see langword="null"/> if not available.</summary>
    private readonly ContainerClient? _containerClient;

    /// <summary>The default scope (container ID) for operations, or <see langword="null"/> if not set.</summary>
    private readonly string? _defaultScope;

    /// <summary>The metadata for this client.</summary>
    private readonly HostedFileClientMetadata _metadata;

    /// <summary>
    /// Initializes a new instance of the <see cref="OpenAIHostedFileClient"/> class from an <see cref="OpenAIClient"/>.
    /// </summary>
    /// <param name="openAIClient">The underlying <see cref="OpenAIClient"/>.</param>
    public OpenAIHostedFileClient(OpenAIClient openAIClient)
    {
        _ = Throw.IfNull(openAIClient);
        _fileClient = openAIClient.GetOpenAIFileClient();
        _containerClient = openAIClient.GetContainerClient();
        _metadata = new HostedFileClientMetadata("openai", _fileClient.Endpoint);
    }

    /// <summary>
    /// Initializes a new instance of the <see cref="OpenAIHostedFileClient"/> class from an <see cref="OpenAIFileClient"/>.
    /// </summary>
    /// <param name="fileClient">The underlying <see cref="OpenAIFileClient"/>.</param>
    public OpenAIHostedFileClient(OpenAIFileClient fileClient)
    {
        _fileClient = Throw.IfNull(fileClient);
        _metadata = new HostedFileClientMetadata("openai", _fileClient.Endpoint);
    }

    /// <summary>
    /// Initializes a new instance of the <see cref="OpenAIHostedFileClient"/> class from a <see cref="ContainerClient"/>.
    /// </summary>
    /// <param name="containerClient">The underlying <see cref="ContainerClient"/>.</param>
    /// <param name="defaultScope">
    /// The default container ID for operations. If not specified, a container ID must be
    /// provided via the <see cref="HostedFileClientOptions.Scope"/> property on per-call options.
    /// </param>
    public OpenAIHostedFileClient(ContainerClient containerClient, string? defaultScope = null)
    {
        _containerClient = Throw.IfNull(containerClient);
        _defaultScope = defaultScope;
        _metadata = new HostedFileClientMetadata("openai", _containerClient.Endpoint);
    }

    /// <inheritdoc />
    public Task<HostedFileContent> UploadAsync(
        Stream content,
        string? mediaType = null,
        string? fileName = null,
        HostedFileClientOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        // … trimmed (builds a multipart upload and calls ContainerClient.UploadContainerFileAsync or OpenAIFileClient.UploadFileAsync)
        throw new NotImplementedException();
    }

    /// <inheritdoc />
    public Task<HostedFileDownloadStream> DownloadAsync(
        string fileId,
        HostedFileClientOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        // … trimmed (downloads through ContainerClient.DownloadContainerFileAsync or OpenAIFileClient.DownloadFileAsync)
        throw new NotImplementedException();
    }

    /// <inheritdoc />
    public async Task<HostedFileContent?> GetFileInfoAsync(
        string fileId,
        HostedFileClientOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        _ = Throw.IfNullOrWhitespace(fileId);

        try
        {
            if (ResolveScope(options) is string containerId)
            {
                var containerResult = await GetContainerClient().GetContainerFileAsync(
                    containerId, fileId, cancellationToken).ConfigureAwait(false);

                return ToHostedFileContent(containerResult.Value, containerId);
            }
            else
            {
                var result = await GetFileClient().GetFileAsync(fileId, cancellationToken).ConfigureAwait(false);
                return ToHostedFileContent(result.Value);
            }
        }
        catch (Exception ex) when (IsNotFoundError(ex)) // judged: none — filter only admits ClientResultException with status 404 (IsNotFoundError), which becomes 'no such file'; 429/5xx/network failures escape
        {
            return null;
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<HostedFileContent> ListFilesAsync(
        HostedFileClientOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // … trimmed (pages through ContainerClient.GetContainerFilesAsync or OpenAIFileClient.GetFilesAsync)
        throw new NotImplementedException();
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(
        string fileId,
        HostedFileClientOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        _ = Throw.IfNullOrWhitespace(fileId);

        try
        {
            if (ResolveScope(options) is string containerId)
            {
                await GetContainerClient().DeleteContainerFileAsync(containerId, fileId, cancellationToken).ConfigureAwait(false);
                return true;
            }
            else
            {
                var result = await GetFileClient().DeleteFileAsync(fileId, cancellationToken).ConfigureAwait(false);
                return result.Value.Deleted;
            }
        }
        catch (Exception ex) when (IsNotFoundError(ex)) // judged: none — filter only admits a 404 ClientResultException (file already gone → false); other provider failures escape
        {
            return false;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        _ = Throw.IfNull(serviceType);

        return
            serviceKey is not null ? null :
            serviceType == typeof(HostedFileClientMetadata) ? _metadata :
            serviceType == typeof(OpenAIFileClient) ? _fileClient :
            serviceType == typeof(ContainerClient) ? _containerClient :
            serviceType.IsInstanceOfType(this) ? this :
            null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // Nothing to dispose; the underlying clients are not owned by this instance.
    }

    private static HostedFileContent ToHostedFileContent(OpenAIFile openAIFile) =>
        new(openAIFile.Id)
        {
            Name = openAIFile.Filename,
            SizeInBytes = openAIFile.SizeInBytes,
            CreatedAt = openAIFile.CreatedAt,
            Purpose = openAIFile.Purpose.ToString(),
            MediaType = MediaTypeMap.GetMediaType(openAIFile.Filename),
            RawRepresentation = openAIFile,
        };

    private static HostedFileContent? ToHostedFileContent(ContainerFileResource file, string? scope)
    {
        if (string.IsNullOrEmpty(file.Id))
        {
            return null;
        }

        string name = file.Path is { } path ? Path.GetFileName(path) : file.Id;

        return new HostedFileContent(file.Id)
        {
            Name = name,
            MediaType = MediaTypeMap.GetMediaType(name),
            SizeInBytes = file.SizeInBytes,
            CreatedAt = file.CreatedAt,
            Scope = scope,
            RawRepresentation = file,
        };
    }

    private static bool IsNotFoundError(Exception ex) =>
        ex is ClientResultException { Status: 404 };

    private OpenAIFileClient GetFileClient() =>
        _fileClient ??
        throw new InvalidOperationException(
            $"This operation requires the standard Files API, but this client was not constructed with an {nameof(OpenAIFileClient)}. " +
            $"Use an {nameof(IHostedFileClient)} created from an {nameof(OpenAIClient)} or {nameof(OpenAIFileClient)}, or set the Scope option to target a container instead.");

    private ContainerClient GetContainerClient() =>
        _containerClient ??
        throw new InvalidOperationException(
            $"This operation requires a container (Scope was specified), but this client was not constructed with a {nameof(ContainerClient)}. " +
            $"Use an {nameof(IHostedFileClient)} created from an {nameof(OpenAIClient)} or {nameof(ContainerClient)} to access container files.");

    /// <summary>Resolves the scope (container ID) from per-call options or the default.</summary>
    private string? ResolveScope(HostedFileClientOptions? options) =>
        options?.Scope ?? _defaultScope;

}
}

// Stubs: not from the source repository; they stand in for types the snippet uses.
namespace Microsoft.Extensions.AI
{
    internal static class MediaTypeMap
    {
        public static string? GetMediaType(string? fileName) => throw new System.NotImplementedException();
    }
}

namespace Microsoft.Shared.DiagnosticIds
{
    internal static class DiagnosticIds
    {
        internal const string UrlFormat = "https://aka.ms/dotnet-extensions-warnings/{0}";

        internal static class Experiments
        {
            internal const string AIFiles = "MEAI001";
        }
    }
}

namespace Microsoft.Shared.Diagnostics
{
    internal static class Throw
    {
        public static T IfNull<T>(T argument, [System.Runtime.CompilerServices.CallerArgumentExpression("argument")] string paramName = "")
            => argument ?? throw new System.ArgumentNullException(paramName);

        public static string IfNullOrWhitespace(string? argument, [System.Runtime.CompilerServices.CallerArgumentExpression("argument")] string paramName = "")
            => string.IsNullOrWhiteSpace(argument) ? throw new System.ArgumentException("Argument is null or whitespace", paramName) : argument!;
    }
}
