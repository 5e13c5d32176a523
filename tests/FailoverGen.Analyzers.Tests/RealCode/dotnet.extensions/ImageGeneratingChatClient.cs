// Source: https://github.com/dotnet/extensions/blob/5862342c9a100ca33f5d1f2bd58c511bde1e8f40/src/Libraries/Microsoft.Extensions.AI/ChatCompletion/ImageGeneratingChatClient.cs (lines 1-93, 136-156, 366-470, 484-516;
// streaming, Dispose and the message/option rewriting helpers are trimmed)
// Licence: MIT
// Chain: Microsoft.Extensions.AI.IChatClient
// Chain: ICorpusChain
// Marked: ICorpusChain added to RequestState so the rules treat it as a provider client
// Notes: RequestState (nested in ImageGeneratingChatClient, an IChatClient) exposes the image tools the model calls and
// calls IImageGenerator itself. '#pragma warning disable MEAI001' added because the image generation API is experimental;
// the file-scoped namespace is written as a block so that the stubs can follow.

#pragma warning disable MEAI001

using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Shared.DiagnosticIds;
using Microsoft.Shared.Diagnostics;

namespace Microsoft.Extensions.AI
{

/// <summary>A delegating chat client that enables image generation capabilities by converting <see cref="HostedImageGenerationTool"/> instances to function tools.</summary>
/// <remarks>
/// <para>
/// The provided implementation of <see cref="IChatClient"/> is thread-safe for concurrent use so long as the
/// <see cref="IImageGenerator"/> employed is also thread-safe for concurrent use.
/// </para>
/// <para>
/// This client automatically detects <see cref="HostedImageGenerationTool"/> instances in the <see cref="ChatOptions.Tools"/> collection
/// and replaces them with equivalent function tools that the chat client can invoke to perform image generation and editing operations.
/// </para>
/// </remarks>
[Experimental(DiagnosticIds.Experiments.AIImageGeneration, UrlFormat = DiagnosticIds.UrlFormat)]
public sealed class ImageGeneratingChatClient : DelegatingChatClient
{
    /// <summary>
    /// Specifies how image and other data content is handled when passing data to an inner client.
    /// </summary>
    /// <remarks>
    /// Use this enumeration to control whether images in the data content are passed as-is, replaced
    /// with unique identifiers, or only generated images are replaced. This setting affects how downstream clients
    /// receive and process image data.
    /// Reducing what's passed downstream can help manage the context window.
    /// </remarks>
    public enum DataContentHandling
    {
        /// <summary>Pass all DataContent to inner client.</summary>
        None,

        /// <summary>Replace all images with unique identifiers when passing to inner client.</summary>
        AllImages,

        /// <summary>Replace only images that were produced by past image generation requests with unique identifiers when passing to inner client.</summary>
        GeneratedImages
    }

    private const string ImageKey = "meai_image";

    private readonly IImageGenerator _imageGenerator;
    private readonly DataContentHandling _dataContentHandling;

    /// <summary>Initializes a new instance of the <see cref="ImageGeneratingChatClient"/> class.</summary>
    /// <param name="innerClient">The underlying <see cref="IChatClient"/>.</param>
    /// <param name="imageGenerator">An <see cref="IImageGenerator"/> instance that will be used for image generation operations.</param>
    /// <param name="dataContentHandling">Specifies how to handle <see cref="DataContent"/> instances when passing messages to the inner client.
    /// The default is <see cref="DataContentHandling.AllImages"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="innerClient"/> or <paramref name="imageGenerator"/> is <see langword="null"/>.</exception>
    public ImageGeneratingChatClient(IChatClient innerClient, IImageGenerator imageGenerator, DataContentHandling dataContentHandling = DataContentHandling.AllImages)
        : base(innerClient)
    {
        _imageGenerator = Throw.IfNull(imageGenerator);
        _dataContentHandling = dataContentHandling;
    }

    /// <inheritdoc/>
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        _ = Throw.IfNull(messages);

        var requestState = new RequestState(_imageGenerator, _dataContentHandling);

        // Process the chat options to replace HostedImageGenerationTool with functions
        var processedOptions = requestState.ProcessChatOptions(options);
        var processedMessages = requestState.ProcessChatMessages(messages);

        // Get response from base implementation
        var response = await base.GetResponseAsync(processedMessages, processedOptions, cancellationToken);

        // Replace FunctionResultContent instances with generated image content
        foreach (var message in response.Messages)
        {
            message.Contents = requestState.ReplaceImageGenerationFunctionResults(message.Contents);
        }

        return response;
    }

    // … trimmed (GetStreamingResponseAsync and Dispose)


    /// <summary>
    /// Contains all the per-request state and methods for handling image generation requests.
    /// This class is created fresh for each request to ensure thread safety.
    /// This class is not exposed publicly and does not own any of it's resources.
    /// </summary>
    private sealed class RequestState : ICorpusChain
    {
        private readonly IImageGenerator _imageGenerator;
        private readonly DataContentHandling _dataContentHandling;
        private readonly HashSet<string> _toolNames = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<AIContent>> _imageContentByCallId = [];
        private readonly Dictionary<string, AIContent> _imageContentById = new(StringComparer.OrdinalIgnoreCase);
        private ImageGenerationOptions? _imageGenerationOptions;

        public RequestState(IImageGenerator imageGenerator, DataContentHandling dataContentHandling)
        {
            _imageGenerator = imageGenerator;
            _dataContentHandling = dataContentHandling;
        }

        public IEnumerable<ChatMessage> ProcessChatMessages(IEnumerable<ChatMessage> messages)
            => throw new NotImplementedException(); // … trimmed (replaces images with placeholders)

        public ChatOptions? ProcessChatOptions(ChatOptions? options)
            => throw new NotImplementedException(); // … trimmed (swaps HostedImageGenerationTool for the AIFunctions below)

        public IList<AIContent> ReplaceImageGenerationFunctionResults(IList<AIContent> contents)
            => throw new NotImplementedException(); // … trimmed (maps the tool results back to image content)


        [Description("Generates images based on a text description.")]
        public async Task<string> GenerateImageAsync(
             [Description("A detailed description of the image to generate")] string prompt,
             CancellationToken cancellationToken = default)
        {
            // Get the call ID from the current function invocation context
            var callId = FunctionInvokingChatClient.CurrentContext?.CallContent.CallId;
            if (callId == null)
            {
                return "No call ID available for image generation.";
            }

            var request = new ImageGenerationRequest(prompt);
            var options = _imageGenerationOptions ?? new ImageGenerationOptions();
            options.Count ??= 1;

            var response = await _imageGenerator.GenerateAsync(request, options, cancellationToken);

            if (response.Contents.Count == 0)
            {
                return "No image was generated.";
            }

            List<string> imageIds = [];
            List<AIContent> imageContents = _imageContentByCallId[callId] = [];
            foreach (var content in response.Contents)
            {
                if (content is DataContent imageContent && imageContent.MediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
                {
                    imageContents.Add(imageContent);
                    imageIds.Add(StoreImage(imageContent, true));
                }
            }

            return "Generated image successfully.";
        }

        [Description("Lists the identifiers of all images available for edit.")]
        public IEnumerable<string> GetImagesForEdit()
        {
            // Get the call ID from the current function invocation context
            var callId = FunctionInvokingChatClient.CurrentContext?.CallContent.CallId;
            if (callId == null)
            {
                return ["No call ID available for image editing."];
            }

            _imageContentByCallId[callId] = [];

            return _imageContentById.Keys.AsEnumerable();
        }

        [Description("Edits an existing image based on a text description.")]
        public async Task<string> EditImageAsync(
            [Description("A detailed description of the image to generate")] string prompt,
            [Description($"The image to edit from one of the available image identifiers returned by {nameof(GetImagesForEdit)}")] string imageId,
            CancellationToken cancellationToken = default)
        {
            // Get the call ID from the current function invocation context
            var callId = FunctionInvokingChatClient.CurrentContext?.CallContent.CallId;
            if (callId == null)
            {
                return "No call ID available for image editing.";
            }

            if (string.IsNullOrEmpty(imageId))
            {
                return "No imageId provided";
            }

            try
            {
                var originalImage = RetrieveImageContent(imageId);
                if (originalImage == null)
                {
                    return $"No image found with: {imageId}";
                }

                var request = new ImageGenerationRequest(prompt, [originalImage]);
                var response = await _imageGenerator.GenerateAsync(request, _imageGenerationOptions, cancellationToken);

                if (response.Contents.Count == 0)
                {
                    return "No edited image was generated.";
                }

                List<string> imageIds = [];
                List<AIContent> imageContents = _imageContentByCallId[callId] = [];
                foreach (var content in response.Contents)
                {
                    if (content is DataContent imageContent && imageContent.MediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
                    {
                        imageContents.Add(imageContent);
                        imageIds.Add(StoreImage(imageContent, true));
                    }
                }

                return "Edited image successfully.";
            }
            catch (FormatException) // judged: none — FormatException (bad base64 image data) cannot carry a provider failure; a 429/5xx/timeout from IImageGenerator.GenerateAsync propagates
            {
                return "Invalid image data format. Please provide a valid base64-encoded image.";
            }
        }


        private DataContent? RetrieveImageContent(string imageId)
        {
            if (_imageContentById.TryGetValue(imageId, out var imageContent))
            {
                return imageContent as DataContent;
            }

            return null;
        }

        private string StoreImage(DataContent imageContent, bool isGenerated = false)
        {
            // Generate a unique ID for the image if it doesn't have one
            string? imageId = null;
            if (imageContent.AdditionalProperties?.TryGetValue(ImageKey, out imageId) is false || imageId is null)
            {
                imageId = imageContent.Name ?? Guid.NewGuid().ToString();
            }

            if (isGenerated)
            {
                imageContent.AdditionalProperties ??= [];
                imageContent.AdditionalProperties[ImageKey] = imageId;
            }

            // Store the image content for later retrieval
            _imageContentById[imageId] = imageContent;

            return imageId;
        }
    }
}
}

// Stubs: not from the source repository; they stand in for types the snippet uses.
public interface ICorpusChain { }

namespace Microsoft.Extensions.AI
{
    public class FunctionInvokingChatClient
    {
        public static FunctionInvocationContext? CurrentContext => null;
    }

    public class FunctionInvocationContext
    {
        public FunctionCallContent CallContent { get; set; } = null!;
    }
}

namespace Microsoft.Shared.DiagnosticIds
{
    internal static class DiagnosticIds
    {
        internal const string UrlFormat = "https://aka.ms/dotnet-extensions-warnings/{0}";

        internal static class Experiments
        {
            internal const string AIImageGeneration = "MEAI001";
        }
    }
}

namespace Microsoft.Shared.Diagnostics
{
    internal static class Throw
    {
        public static T IfNull<T>([System.Diagnostics.CodeAnalysis.NotNull] T argument, [System.Runtime.CompilerServices.CallerArgumentExpression("argument")] string paramName = "")
            => argument ?? throw new System.ArgumentNullException(paramName);
    }
}
