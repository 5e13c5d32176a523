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
    /// The interface's <c>[FailoverClassifier]</c> types that can be created, resolved at build time so nothing is looked
    /// up at run time. The SDK exception checks that follow them depend on the project, not the interface
    /// (<see cref="ProjectFeatures"/>).
    /// </summary>
    private static EquatableArray<string> CustomClassifiers(INamedTypeSymbol symbol, Compilation compilation, TypeFormatter types)
    {
        INamedTypeSymbol? contract = null;
        var custom = new List<string>();
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (SymbolNames.Is(attribute.AttributeClass, KnownNames.FailoverClassifierAttribute)
                && attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is INamedTypeSymbol type
                && IsCreatableClassifier(type, contract ??= compilation.GetTypeByMetadataName(KnownNames.FailoverClassifierInterface), compilation))
            {
                custom.Add(types.Display(type));
            }
        }

        return custom.ToEquatableArray();
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
