namespace FailoverGen.Shared;

/// <summary>Metadata names the generator and the analyzers match symbols against.</summary>
internal static class KnownNames
{
    public const string FallbackChainAttribute = "FailoverGen.FallbackChainAttribute";
    public const string FallbackChainForAttribute = "FailoverGen.FallbackChainForAttribute";
    public const string ServiceCollection = "Microsoft.Extensions.DependencyInjection.IServiceCollection";
    public const string Configuration = "Microsoft.Extensions.Configuration.IConfiguration";
    public const string FailoverSettingsRegistration = "FailoverGen.FailoverServiceCollectionExtensions";
    public const string Disposable = "System.IDisposable";
    public const string AsyncDisposable = "System.IAsyncDisposable";
    public const string FailoverOnAttribute = "FailoverGen.FailoverOnAttribute";
    public const string NoFailoverAttribute = "FailoverGen.NoFailoverAttribute";
    public const string FailoverReason = "FailoverGen.FailoverReason";
    public const string FailoverClassifierAttribute = "FailoverGen.FailoverClassifierAttribute";
    public const string FailoverClassifierInterface = "FailoverGen.IFailoverClassifier";
    public const string FailoverErrors = "FailoverGen.FailoverErrors";
    public const string ProviderFailureExceptionAttribute = "FailoverGen.ProviderFailureExceptionAttribute";
    public const string ProviderException = "FailoverGen.ProviderException";
    public const string ClientResultException = "System.ClientModel.ClientResultException";
    public const string RequestFailedException = "Azure.RequestFailedException";
    public const string AnthropicApiException = "Anthropic.Exceptions.AnthropicApiException";
    public const string KernelHttpOperationException = "Microsoft.SemanticKernel.HttpOperationException";
    public const string CancellationToken = "System.Threading.CancellationToken";
    public const string AiNamespace = "Microsoft.Extensions.AI";
    public const string ChatClient = "Microsoft.Extensions.AI.IChatClient";
    public const string ChatMessage = "Microsoft.Extensions.AI.ChatMessage";
    public const string ChatResponseUpdate = "Microsoft.Extensions.AI.ChatResponseUpdate";
    public const string ChatClientBuilder = "Microsoft.Extensions.AI.ChatClientBuilder";
    public const string Task = "System.Threading.Tasks.Task";
    public const string TaskOfT = "System.Threading.Tasks.Task`1";
    public const string ValueTask = "System.Threading.Tasks.ValueTask";
    public const string ValueTaskOfT = "System.Threading.Tasks.ValueTask`1";
    public const string AsyncEnumerableOfT = "System.Collections.Generic.IAsyncEnumerable`1";
}
