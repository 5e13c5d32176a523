using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using BenchmarkDotNet.Attributes;
using FailoverGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FailoverGen.Benchmarks;

/// <summary>
/// The generator in a large project: 200 interfaces of 10 members each, one file per interface. Cold is a first build
/// (a new driver over the whole compilation); incremental is the IDE case, one interface file edited between runs of a
/// warm driver. Refit's generator, over 200 Refit interfaces of 10 methods, is the anchor: a source generator .NET
/// developers already accept in their builds.
/// </summary>
[MemoryDiagnoser]
public class GeneratorScaleBenchmarks
{
    private const int Interfaces = 200;
    private const int Members = 10;

    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _edited = null!;
    private IIncrementalGenerator _generator = null!;
    private GeneratorDriver _warm = null!;
    private bool _flip;

    [Params("FailoverGen", "Refit")]
    public string Generator { get; set; } = "FailoverGen";

    [GlobalSetup]
    public void Setup()
    {
        bool refit = Generator == "Refit";
        string package = typeof(GeneratorScaleBenchmarks).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RefitPackage").Value!;
        var references = Directory.EnumerateFiles(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "*.dll")
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) == "netstandard.dll")
            .Append(refit ? Path.Combine(package, "lib", "net10.0", "Refit.dll") : typeof(FallbackChainAttribute).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path));
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        SyntaxTree[] trees = Enumerable.Range(0, Interfaces)
            .Select(i => CSharpSyntaxTree.ParseText(refit ? RefitInterface(i, "") : FailoverInterface(i, ""), options, path: $"I{i}.cs"))
            .ToArray();
        _compilation = CSharpCompilation.Create("Scale", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        SyntaxTree edit = CSharpSyntaxTree.ParseText(refit ? RefitInterface(0, "Edited") : FailoverInterface(0, "Edited"), options, path: "I0.cs");
        _edited = _compilation.ReplaceSyntaxTree(trees[0], edit);
        _generator = refit
            ? (IIncrementalGenerator)Activator.CreateInstance(Assembly.LoadFrom(Path.Combine(package, "analyzers", "dotnet", "roslyn4.8", "cs", "InterfaceStubGeneratorV2.dll"))
                .GetTypes().Single(t => typeof(IIncrementalGenerator).IsAssignableFrom(t) && !t.IsAbstract))!
            : new FallbackChainGenerator();
        _warm = CSharpGeneratorDriver.Create(_generator).RunGenerators(_compilation);
        int generated = _warm.GetRunResult().GeneratedTrees.Length;
        if (generated < Interfaces)
        {
            throw new InvalidOperationException($"{Generator} generated {generated} files for {Interfaces} interfaces: the benchmark would time nothing.");
        }
    }

    [Benchmark]
    public int Cold() => CSharpGeneratorDriver.Create(_generator).RunGenerators(_compilation).GetRunResult().GeneratedTrees.Length;

    /// <summary>One interface file edited (a member renamed, then back) since the last run.</summary>
    [Benchmark]
    public int Incremental()
    {
        _flip = !_flip;
        _warm = _warm.RunGenerators(_flip ? _edited : _compilation);
        return _warm.GetRunResult().GeneratedTrees.Length;
    }

    private static string FailoverInterface(int index, string suffix)
    {
        var source = new StringBuilder("using System.Collections.Generic;\nusing System.Threading;\nusing System.Threading.Tasks;\nusing FailoverGen;\n\nnamespace Scale;\n\n");
        source.Append("[FallbackChain]\npublic interface IChat").Append(index).Append("\n{\n");
        for (int m = 0; m < Members; m++)
        {
            string name = "Member" + m + (m == 0 ? suffix : "");
            source.Append(m switch
            {
                0 or 1 or 2 or 3 => $"    Task<string> {name}Async(string prompt, CancellationToken cancellationToken = default);\n",
                4 or 5 => $"    ValueTask<int> {name}Async(string prompt, int max, CancellationToken cancellationToken = default);\n",
                6 => $"    IAsyncEnumerable<string> {name}Async(string prompt, CancellationToken cancellationToken = default);\n",
                7 => $"    Task {name}Async(IReadOnlyList<string> messages, CancellationToken cancellationToken = default);\n",
                8 => $"    string {name}(string prompt);\n",
                _ => $"    [NoFailover] Task<bool> {name}Async(CancellationToken cancellationToken = default);\n",
            });
        }

        return source.Append("}\n").ToString();
    }

    private static string RefitInterface(int index, string suffix)
    {
        var source = new StringBuilder("using System.Collections.Generic;\nusing System.Threading;\nusing System.Threading.Tasks;\nusing Refit;\n\nnamespace Scale;\n\n");
        source.Append("public interface IApi").Append(index).Append("\n{\n");
        for (int m = 0; m < Members; m++)
        {
            string name = "Member" + m + (m == 0 ? suffix : "");
            source.Append(m switch
            {
                0 or 1 or 2 or 3 => $"    [Get(\"/items/{{id}}/m{m}\")]\n    Task<string> {name}Async(int id, CancellationToken cancellationToken = default);\n",
                4 or 5 => $"    [Post(\"/items/m{m}\")]\n    Task<int> {name}Async([Body] string prompt, [Query] int max, CancellationToken cancellationToken = default);\n",
                6 => $"    [Get(\"/search/m{m}\")]\n    Task<List<string>> {name}Async([Query] string q, CancellationToken cancellationToken = default);\n",
                7 => $"    [Put(\"/items/m{m}\")]\n    Task {name}Async([Body] IReadOnlyList<string> messages, CancellationToken cancellationToken = default);\n",
                8 => $"    [Delete(\"/items/{{id}}/m{m}\")]\n    Task {name}Async(int id);\n",
                _ => $"    [Get(\"/health/m{m}\")]\n    [Headers(\"Accept: application/json\")]\n    Task<bool> {name}Async(CancellationToken cancellationToken = default);\n",
            });
        }

        return source.Append("}\n").ToString();
    }
}
