using System.CodeDom.Compiler;
using FailoverGen.Generator.Model;

namespace FailoverGen.Generator;

/// <summary>
/// Writes the wrapper's nested classifier: the user's <c>[FailoverClassifier]</c> instances first, then a type check
/// per referenced SDK that hands the SDK's status, headers and body to <c>ProviderErrors.TryClassify</c>. Plain
/// <c>as</c> casts and <c>var</c> keep it valid from C# 7.3 and warning-free with nullable on or off.
/// </summary>
internal static class ClassifierEmitter
{
    private const string Runtime = Emitter.Runtime;
    private const string KeyValue = "global::System.Collections.Generic.KeyValuePair<string, string>";

    public static void Write(IndentedTextWriter writer, string className, ClassifierModel model)
    {
        writer.WriteLine("/// <summary>Recognises the exceptions of the SDKs this project references; written at build time.</summary>");
        writer.OpenBlock("private sealed class " + className + " : " + Runtime + "IFailoverClassifier");
        writer.WriteLine("public static readonly " + className + " Instance = new " + className + "();");
        if (model.CustomTypes.Count > 0)
        {
            writer.WriteLine(
                "private readonly " + Runtime + "IFailoverClassifier[] custom = new " + Runtime + "IFailoverClassifier[] { "
                + string.Join(", ", System.Linq.Enumerable.Select(model.CustomTypes, t => "new " + t + "()")) + " };");
        }

        writer.WriteLineNoTabs(string.Empty);
        writer.OpenBlock("public bool TryClassify(global::System.Exception exception, out " + Runtime + "FailureClassification classification)");
        if (model.CustomTypes.Count > 0)
        {
            Block(writer, "foreach (var classifier in this.custom)", "if (classifier.TryClassify(exception, out classification)) return true;");
        }

        if (model.ClientModel)
        {
            writer.WriteLine("var clientResult = exception as global::System.ClientModel.ClientResultException;");
            writer.WriteLine("var clientResponse = clientResult != null ? clientResult.GetRawResponse() : null;");
            Block(
                writer,
                "if (clientResponse != null)",
                "return " + Runtime + "ProviderErrors.TryClassify(clientResponse.Status, clientResponse.Headers, clientResponse.Content == null ? null : clientResponse.Content.ToString(), exception, out classification);");
        }

        if (model.Azure)
        {
            writer.WriteLine("var requestFailed = exception as global::Azure.RequestFailedException;");
            writer.WriteLine("var azureResponse = requestFailed != null ? requestFailed.GetRawResponse() : null;");
            Block(
                writer,
                "if (azureResponse != null)",
                "var headers = new global::System.Collections.Generic.List<" + KeyValue + ">();",
                "foreach (var header in azureResponse.Headers) headers.Add(new " + KeyValue + "(header.Name, header.Value));",
                "return " + Runtime + "ProviderErrors.TryClassify(azureResponse.Status, headers, azureResponse.Content == null ? null : azureResponse.Content.ToString(), exception, out classification);");
        }

        if (model.Anthropic)
        {
            // The Anthropic SDK keeps status and body on the exception but not the headers.
            writer.WriteLine("var anthropic = exception as global::Anthropic.Exceptions.AnthropicApiException;");
            Block(
                writer,
                "if (anthropic != null)",
                "return " + Runtime + "ProviderErrors.TryClassify((int)anthropic.StatusCode, null, anthropic.ResponseBody, exception, out classification);");
        }

        if (model.SemanticKernel)
        {
            // Semantic Kernel's connectors wrap the provider's failure with its status and body, but no headers.
            writer.WriteLine("var kernelHttp = exception as global::Microsoft.SemanticKernel.HttpOperationException;");
            Block(
                writer,
                "if (kernelHttp != null && kernelHttp.StatusCode != null)",
                "return " + Runtime + "ProviderErrors.TryClassify((int)kernelHttp.StatusCode.Value, null, kernelHttp.ResponseContent, exception, out classification);");
        }

        writer.WriteLine("classification = default(" + Runtime + "FailureClassification);");
        writer.WriteLine("return false;");
        writer.CloseBlock();
        writer.CloseBlock();
    }

    /// <summary>A block followed by a blank line, so the type checks read as separate steps.</summary>
    private static void Block(IndentedTextWriter writer, string header, params string[] body)
    {
        writer.Block(header, body);
        writer.WriteLineNoTabs(string.Empty);
    }
}
