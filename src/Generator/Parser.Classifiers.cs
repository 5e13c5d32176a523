using System;
using System.Collections.Generic;
using System.Linq;
using FailoverGen.Generator.Model;
using Microsoft.CodeAnalysis;
using FailoverGen.Shared;

namespace FailoverGen.Generator;

/// <summary>The classifier model: [FailoverClassifier] types that can be created and the SDK exception types the compilation references.</summary>
internal static partial class Parser
{
    /// <summary>
    /// The classifier to emit: the interface's <c>[FailoverClassifier]</c> types that can be created, plus type checks for
    /// SDK exceptions the compilation can see. Resolved at build time, so nothing is looked up at run time.
    /// </summary>
    private static ClassifierModel? ParseClassifier(INamedTypeSymbol symbol, Compilation compilation, TypeFormatter types)
    {
        INamedTypeSymbol? contract = compilation.GetTypeByMetadataName(KnownNames.FailoverClassifierInterface);
        var custom = new List<string>();
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == KnownNames.FailoverClassifierAttribute
                && attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is INamedTypeSymbol type
                && IsCreatableClassifier(type, contract, compilation))
            {
                custom.Add(types.Display(type));
            }
        }

        bool clientModel = IsVisible(compilation, KnownNames.ClientResultException);
        bool azure = IsVisible(compilation, KnownNames.RequestFailedException);
        bool anthropic = IsVisible(compilation, KnownNames.AnthropicApiException);
        bool semanticKernel = IsVisible(compilation, KnownNames.KernelHttpOperationException);
        return custom.Count == 0 && !clientModel && !azure && !anthropic && !semanticKernel
            ? null
            : new ClassifierModel(custom.ToEquatableArray(), clientModel, azure, anthropic, semanticKernel);
    }

    /// <summary>Invalid classifier types are left out here and reported by the analyzers.</summary>
    private static bool IsCreatableClassifier(INamedTypeSymbol type, INamedTypeSymbol? contract, Compilation compilation) =>
        contract is not null
        && type.TypeKind == TypeKind.Class
        && !type.IsAbstract
        && !type.IsUnboundGenericType
        && type.AllInterfaces.Contains(contract, SymbolEqualityComparer.Default)
        && type.InstanceConstructors.Any(c => c.Parameters.IsEmpty && compilation.IsSymbolAccessibleWithin(c, compilation.Assembly));

    private static bool IsVisible(Compilation compilation, string metadataName) =>
        compilation.GetTypeByMetadataName(metadataName) is { DeclaredAccessibility: Accessibility.Public };
}
