using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FailoverGen.Generator.Tests.RealInterfaces;

/// <summary>
/// Every public interface of real NuGet packages (the AI stacks and the libraries around them) and a set of BCL
/// interfaces, each closed over simple type arguments where it is generic, ready to be wrapped with
/// <c>[assembly: FallbackChainFor(typeof(…))]</c>.
/// </summary>
internal static class RealInterfaceCorpus
{
    /// <summary>The packages' assemblies; the package versions are pinned in Directory.Packages.props.</summary>
    public static readonly string[] PackageAssemblies =
    {
        "Microsoft.Extensions.AI.Abstractions", "Microsoft.SemanticKernel.Abstractions", "OllamaSharp", "StackExchange.Redis",
        "Refit", "System.ClientModel", "Azure.Core", "Polly.Core", "Microsoft.Extensions.Caching.Abstractions",
        "Microsoft.Extensions.Logging.Abstractions", "Microsoft.Extensions.FileProviders.Abstractions",
        "Microsoft.Extensions.Hosting.Abstractions", "Microsoft.Extensions.Options", "Microsoft.Extensions.Configuration.Abstractions",
        "Microsoft.Extensions.Diagnostics.HealthChecks.Abstractions", "Microsoft.Extensions.Primitives",
        "Microsoft.Extensions.DependencyInjection.Abstractions", "Microsoft.Extensions.VectorData.Abstractions",
    };

    /// <summary>BCL interfaces that provider abstractions commonly extend or mirror.</summary>
    public static readonly string[] BclInterfaces =
    {
        "System.IDisposable", "System.IAsyncDisposable", "System.IServiceProvider", "System.IFormattable", "System.IFormatProvider",
        "System.ICloneable", "System.ICustomFormatter", "System.IObservable`1", "System.IObserver`1", "System.IProgress`1",
        "System.IEquatable`1", "System.IComparable`1", "System.Collections.Generic.IEnumerable`1", "System.Collections.Generic.IEnumerator`1",
        "System.Collections.Generic.ICollection`1", "System.Collections.Generic.IList`1", "System.Collections.Generic.IReadOnlyList`1",
        "System.Collections.Generic.IDictionary`2", "System.Collections.Generic.IReadOnlyDictionary`2", "System.Collections.Generic.ISet`1",
        "System.Collections.Generic.IComparer`1", "System.Collections.Generic.IEqualityComparer`1", "System.Collections.Generic.IAsyncEnumerable`1",
        "System.Collections.Generic.IAsyncEnumerator`1", "System.ComponentModel.INotifyPropertyChanged", "System.ComponentModel.IComponent",
        "System.Collections.IEnumerable", "System.Collections.IList", "System.Collections.IDictionary",
    };

    public static readonly ImmutableArray<MetadataReference> References = Directory
        .EnumerateFiles(AppContext.BaseDirectory, "*.dll")
        .Where(path => !Path.GetFileName(path).StartsWith("FailoverGen", StringComparison.Ordinal)
            && !Path.GetFileName(path).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)
            && !Path.GetFileName(path).StartsWith("xunit", StringComparison.Ordinal))
        .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
        .ToImmutableArray();

    /// <summary>C# <c>typeof</c> operands, one per interface, sorted; open generics closed over simple arguments.</summary>
    public static IReadOnlyList<string> TypeOfOperands()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(new[] { string.Empty }, extraReferences: References);
        var operands = new SortedSet<string>(StringComparer.Ordinal);
        foreach (IAssemblySymbol assembly in compilation.SourceModule.ReferencedAssemblySymbols.Where(a => PackageAssemblies.Contains(a.Name)))
        {
            foreach (INamedTypeSymbol type in PublicTypes(assembly.GlobalNamespace))
            {
                if (type.TypeKind == TypeKind.Interface && Operand(type) is string operand)
                {
                    operands.Add(operand);
                }
            }
        }

        foreach (string name in BclInterfaces)
        {
            if (compilation.GetTypeByMetadataName(name) is INamedTypeSymbol type && Operand(type) is string operand)
            {
                operands.Add(operand);
            }
        }

        return operands.ToList();
    }

    private static IEnumerable<INamedTypeSymbol> PublicTypes(INamespaceSymbol ns)
    {
        foreach (INamespaceSymbol child in ns.GetNamespaceMembers())
        {
            foreach (INamedTypeSymbol type in PublicTypes(child))
            {
                yield return type;
            }
        }

        var pending = new Stack<INamedTypeSymbol>(ns.GetTypeMembers().Where(t => t.DeclaredAccessibility == Accessibility.Public));
        while (pending.Count > 0)
        {
            INamedTypeSymbol type = pending.Pop();
            yield return type;
            foreach (INamedTypeSymbol nested in type.GetTypeMembers().Where(t => t.DeclaredAccessibility == Accessibility.Public))
            {
                pending.Push(nested);
            }
        }
    }

    /// <summary>
    /// The interface as a typeof operand: generic ones closed with <c>int</c> where a struct is required and
    /// <c>object</c> otherwise; null where a constraint names a type (no simple argument is known to satisfy it) or a
    /// containing type is generic.
    /// </summary>
    private static string? Operand(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (outer.IsGenericType)
            {
                return null;
            }
        }

        if (!type.IsGenericType)
        {
            return type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        }

        var arguments = new List<string>();
        foreach (ITypeParameterSymbol parameter in type.TypeParameters)
        {
            if (parameter.ConstraintTypes.Length > 0)
            {
                return null;
            }

            arguments.Add(parameter.HasValueTypeConstraint || parameter.HasUnmanagedTypeConstraint ? "int" : "object");
        }

        string definition = type.ConstructUnboundGenericType().ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        return definition.Substring(0, definition.IndexOf('<')) + "<" + string.Join(", ", arguments) + ">";
    }
}
