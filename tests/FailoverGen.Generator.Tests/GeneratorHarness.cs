using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using FailoverGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FailoverGen.Generator.Tests;

/// <summary>Runs the generator over source text the way the compiler does and returns what it produced.</summary>
internal static class GeneratorHarness
{
    /// <summary>The shared framework's assemblies plus the FailoverGen runtime: what a consumer compiles against.</summary>
    public static readonly ImmutableArray<MetadataReference> References = Directory
        .EnumerateFiles(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "*.dll")
        .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll")
        .Append(typeof(FallbackChainAttribute).Assembly.Location)
        .Distinct()
        .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
        .ToImmutableArray();

    /// <summary>The OpenAI (System.ClientModel), Azure.Core and Anthropic SDKs and what their exception types expose.</summary>
    public static readonly ImmutableArray<MetadataReference> SdkReferences = Directory
        .EnumerateFiles(AppContext.BaseDirectory, "*.dll")
        .Where(path => Path.GetFileName(path) is "OpenAI.dll" or "System.ClientModel.dll" or "Azure.Core.dll" or "Anthropic.dll" or "System.Memory.Data.dll")
        .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
        .ToImmutableArray();

    /// <summary>Assembly-version unification warnings, which the .NET SDK suppresses in every build by default.</summary>
    private static readonly Dictionary<string, ReportDiagnostic> SdkDefaultNoWarn = new()
    {
        ["CS1701"] = ReportDiagnostic.Suppress,
        ["CS1702"] = ReportDiagnostic.Suppress,
    };

    public static CSharpCompilation CreateCompilation(
        IEnumerable<string> sources,
        LanguageVersion version = LanguageVersion.Latest,
        NullableContextOptions nullable = NullableContextOptions.Enable,
        IEnumerable<MetadataReference>? extraReferences = null)
    {
        var parseOptions = new CSharpParseOptions(version);
        return CSharpCompilation.Create(
            "Consumer",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, parseOptions, path: "Source" + i + ".cs")),
            References.AddRange(extraReferences ?? Enumerable.Empty<MetadataReference>()),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: nullable, warningLevel: 9999)
                .WithSpecificDiagnosticOptions(SdkDefaultNoWarn));
    }

    public static GeneratorDriver CreateDriver(CSharpCompilation compilation) =>
        CSharpGeneratorDriver.Create(
            new[] { new FallbackChainGenerator().AsSourceGenerator() },
            parseOptions: (CSharpParseOptions)compilation.SyntaxTrees.First().Options,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Generates and compiles; returns the generator result and every diagnostic of the final compilation.</summary>
    public static (GeneratorRunResult Result, ImmutableArray<Diagnostic> Diagnostics, Compilation Output) Run(
        string source,
        LanguageVersion version = LanguageVersion.Latest,
        NullableContextOptions nullable = NullableContextOptions.Enable,
        IEnumerable<MetadataReference>? extraReferences = null)
    {
        CSharpCompilation compilation = CreateCompilation(new[] { source }, version, nullable, extraReferences);
        GeneratorDriver driver = CreateDriver(compilation).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        return (result, generatorDiagnostics.AddRange(output.GetDiagnostics()), output);
    }
}
