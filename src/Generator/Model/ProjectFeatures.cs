namespace FailoverGen.Generator.Model;

/// <summary>
/// What the project references, which decides the extras written beside each wrapper. Read once per compilation rather
/// than once per interface: looking a type up by name searches every referenced assembly.
/// </summary>
/// <param name="DependencyInjection">The project has <c>IServiceCollection</c>: an <c>Add…</c> registration method is written.</param>
/// <param name="ChatClientBuilder">The project has <c>ChatClientBuilder</c>: an <c>IChatClient</c> wrapper gets a <c>UseFailover</c> extension.</param>
/// <param name="Configuration">
/// The project has <c>IConfiguration</c> and a runtime with <c>AddFailoverSettings</c>: the registration method gets an
/// overload that binds the chain's settings from a configuration section.
/// </param>
/// <param name="ClientModel">System.ClientModel's <c>ClientResultException</c> is visible (the OpenAI SDK).</param>
/// <param name="Azure">Azure.Core's <c>RequestFailedException</c> is visible.</param>
/// <param name="Anthropic">The Anthropic SDK's <c>AnthropicApiException</c> is visible.</param>
/// <param name="SemanticKernel">Semantic Kernel's <c>HttpOperationException</c> is visible.</param>
internal sealed record ProjectFeatures(
    bool DependencyInjection,
    bool ChatClientBuilder,
    bool Configuration,
    bool ClientModel,
    bool Azure,
    bool Anthropic,
    bool SemanticKernel)
{
    /// <summary>The classifier every wrapper of the project gets: its own custom classifiers, then checks for the SDK exceptions the project can see.</summary>
    public ClassifierModel? ClassifierFor(EquatableArray<string> customClassifiers) =>
        customClassifiers.Count == 0 && !ClientModel && !Azure && !Anthropic && !SemanticKernel
            ? null
            : new ClassifierModel(customClassifiers, ClientModel, Azure, Anthropic, SemanticKernel);
}
