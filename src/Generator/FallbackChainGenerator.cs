using System;
using System.Collections.Generic;
using FailoverGen.Generator.Model;
using FailoverGen.Shared;
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

        IncrementalValuesProvider<ChainModel> foreignModels = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.FallbackChainForAttribute,
                static (node, _) => node is CompilationUnitSyntax,
                static (attributeContext, cancellationToken) => Parser.ParseForeign(attributeContext, cancellationToken))
            .WithTrackingName(TrackingNames.ForeignInterfaces)
            .SelectMany(static (models, _) => models)
            .WithTrackingName(TrackingNames.ForeignModels);

        IncrementalValueProvider<ProjectFeatures> features = context.CompilationProvider
            .Select(static (compilation, _) => Parser.FeaturesOf(compilation))
            .WithTrackingName(TrackingNames.Features);

        context.RegisterSourceOutput(models.Combine(features), static (output, pair) => output.AddSource(pair.Left.HintName, Emitter.Emit(pair.Left, pair.Right)));
        // The same wrapper may be requested twice (in two files): emit it once; a hint name may be added only once.
        context.RegisterSourceOutput(foreignModels.Collect().Combine(features), static (output, pair) =>
        {
            var emitted = new HashSet<string>(StringComparer.Ordinal);
            foreach (ChainModel model in pair.Left)
            {
                if (emitted.Add(model.HintName))
                {
                    output.AddSource(model.HintName, Emitter.Emit(model, pair.Right));
                }
            }
        });
    }
}
