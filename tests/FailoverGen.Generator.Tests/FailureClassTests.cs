using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FailoverGen.Generator.Tests;

/// <summary>
/// One interface per class of real-world input that once produced code with errors or warnings. Each must now be
/// wrapped into code that compiles without any diagnostic.
/// </summary>
public sealed class FailureClassTests
{
    internal const string Usings = "#nullable enable\nusing System;\nusing System.Collections.Generic;\nusing System.Diagnostics.CodeAnalysis;\nusing System.Threading;\nusing System.Threading.Tasks;\nusing FailoverGen;\n";

    public static TheoryData<string, string> Cases() => new()
    {
        { "obsolete members", "[FallbackChain] public interface IA { [Obsolete(\"use New\")] Task<string> OldAsync(); [Obsolete] int Older { get; } Task<string> NewAsync(); }" },
        { "error-level obsolete member", "[FallbackChain] public interface IA { [Obsolete(\"gone\", true)] Task<string> GoneAsync(); Task<string> NewAsync(); }" },
        { "obsolete interface", "[Obsolete(\"use IB\")] [FallbackChain] public interface IA { Task<string> GetAsync(); }" },
        { "obsolete parameter type", "[Obsolete] public sealed class Old { } [FallbackChain] public interface IA { Task<string> GetAsync(Old old); }" },
        { "experimental member and type", "[Experimental(\"FGX001\")] public sealed class Beta { } [FallbackChain] public interface IA { [Experimental(\"FGX002\")] Task<string> BetaAsync(Beta beta); }" },
        { "NotNullWhen out parameter", "[FallbackChain] public interface IA { bool TryGet(string key, [NotNullWhen(true)] out string? value); }" },
        { "MaybeNullWhen out parameter", "[FallbackChain] public interface IA<T> { bool TryGet([MaybeNullWhen(false)] out T value); }" },
        { "AllowNull setter", "[FallbackChain] public interface IA { [AllowNull] string Name { get; set; } }" },
        { "MaybeNull return", "[FallbackChain] public interface IA { [return: MaybeNull] T Get<T>(); }" },
        { "NotNullIfNotNull return", "[FallbackChain] public interface IA { [return: NotNullIfNotNull(\"value\")] string? Echo(string? value); }" },
        { "members named like object's", "[FallbackChain] public interface IA { string ToString(); int GetHashCode(); bool Equals(object? other); Task<string> GetAsync(); }" },
        { "property named ToString", "[FallbackChain] public interface IA { string ToString { get; } }" },
        { "Equals with two parameters", "[FallbackChain] public interface IA { bool Equals(object? x, object? y); }" },
        { "diamond: type-parameter names", "public interface IX { Task<T> GetAsync<T>(T value); } public interface IY { Task<U> GetAsync<U>(U value); } [FallbackChain] public interface IA : IX, IY { }" },
        { "diamond: nullability", "public interface IX { Task<string?> GetAsync(string? value); } public interface IY { Task<string> GetAsync(string value); } [FallbackChain] public interface IA : IX, IY { }" },
        { "diamond: class vs struct constraints", "public interface IX { Task<T> GetAsync<T>(T value) where T : class; } public interface IY { Task<T> GetAsync<T>(T value) where T : struct; } [FallbackChain] public interface IA : IX, IY { }" },
        { "diamond: in vs ref readonly", "public interface IX { int Get(in int value); } public interface IY { int Get(ref readonly int value); } [FallbackChain] public interface IA : IX, IY { }" },
        { "new Dispose on a derived interface", "public interface IX : IDisposable { new void Dispose(); } [FallbackChain] public interface IA : IX { Task<string> GetAsync(); }" },
        { "nested in a generic class", "public class Outer<T> { [FallbackChain] public interface IInner { Task<T> GetAsync(T value); } }" },
        { "nested in a generic class with its own parameters", "public class Outer<T> where T : class { [FallbackChain] public interface IInner<U> { Task<T> GetAsync(U value); } }" },
        { "method type parameter hiding the interface's", "[FallbackChain] public interface IA<T> { Task<T> GetAsync<T>(T value); }" },
        { "type parameters named like generated names", "[FallbackChain] public interface IA<__chain> { Task<__chain> GetAsync<__provider, __state>(__provider p, __state s, CancellationToken __token); }" },
        { "dynamic", "[FallbackChain] public interface IA { Task<dynamic> GetAsync(dynamic value); dynamic Echo(dynamic value); }" },
        { "scoped parameter", "[FallbackChain] public interface IA { int Sum(scoped Span<int> values); int Count(scoped ref int value); }" },
        { "unconstrained T? (C# 9 interface)", "[FallbackChain] public interface IA { T? Find<T>(IEnumerable<T> items); Task<T?> FindAsync<T>(T? seed); }" },
        { "pointer members", "[FallbackChain] public unsafe interface IA { int* Get(); void Put(int* value); Task<string> NameAsync(); }" },
        { "function pointer members", "[FallbackChain] public unsafe interface IA { delegate*<int, void> Callback(); void Register(delegate*<int, void> callback); }" },
    };

    public static IEnumerable<object[]> CasesInEverySetting()
    {
        foreach (object?[] row in Cases())
        {
            foreach (NullableContextOptions nullable in new[] { NullableContextOptions.Enable, NullableContextOptions.Disable })
            {
                yield return new object[] { row[0]!, row[1]!, nullable };
            }
        }
    }

    [Theory]
    [MemberData(nameof(CasesInEverySetting))]
    public void Interface_IsWrappedIntoCodeThatCompilesWithoutDiagnostics(string name, string source, NullableContextOptions nullable)
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(new[] { Usings + source }, LanguageVersion.Latest, nullable)
            .WithOptions(GeneratorHarness.CreateCompilation(new[] { string.Empty }).Options.WithNullableContextOptions(nullable).WithAllowUnsafe(true));
        GeneratorDriver driver = GeneratorHarness.CreateDriver(compilation)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out var generatorDiagnostics);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();

        Assert.Null(result.Exception);
        Assert.NotEmpty(result.GeneratedSources);
        string[] problems = generatorDiagnostics.AddRange(output.GetDiagnostics())
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath != "Source0.cs")
            .Select(d => d.ToString())
            .ToArray();
        Assert.True(problems.Length == 0, name + ":\n" + string.Join("\n", problems) + "\n\n" + string.Join("\n\n", result.GeneratedSources.Select(s => s.SourceText.ToString())));
    }
}
