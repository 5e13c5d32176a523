using FailoverGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FailoverGen.Generator;

/// <summary>Emits a failover wrapper class for every interface marked <c>[FallbackChain]</c>.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class FallbackChainGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ChainModel> models = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.FallbackChainAttribute,
                static (node, _) => node is InterfaceDeclarationSyntax,
                static (attributeContext, cancellationToken) => Parser.Parse(attributeContext, cancellationToken))
            .WithTrackingName(TrackingNames.Interfaces)
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(TrackingNames.Models);

        context.RegisterSourceOutput(models, static (output, model) => output.AddSource(model.HintName, Emitter.Emit(model)));
    }
}
