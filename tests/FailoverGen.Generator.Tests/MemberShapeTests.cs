using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FailoverGen.Generator.Tests;

/// <summary>Shapes that need the newest language features, clashing inherited members, and name collisions.</summary>
public class MemberShapeTests
{
    private const string Clashing = """
        using System;
        using FailoverGen;

        namespace Clashes
        {
            public interface IReader { string Read(int id); string Value { get; } event EventHandler Changed; }
            public interface INumbers { int Read(int id); int Value { get; } int Changed(); }
            public interface IOne { string Same(string text = "x"); }
            public interface ITwo { string Same(string text = "x"); }

            [FallbackChain]
            public interface IClashing : IReader, INumbers, IOne, ITwo
            {
                string Name { get; init; }
                string Describe() => "default implementation";
                static string Create() => "static member";
                ref readonly int Peek(ref readonly int value);
                string Take(in int value, ref readonly int other);
            }
        }
        """;

    [Theory]
    [InlineData(NullableContextOptions.Enable)]
    [InlineData(NullableContextOptions.Disable)]
    public void ClashingInheritedMembers_AreImplementedExplicitly_AndEverythingCompiles(NullableContextOptions nullable)
    {
        var (result, diagnostics, _) = GeneratorHarness.Run(Clashing, LanguageVersion.Latest, nullable);

        string generated = result.GeneratedSources.Single().SourceText.ToString();
        Assert.Contains("public string Read(int id)", generated);
        Assert.Contains("int global::Clashes.INumbers.Read(int id)", generated);
        Assert.Contains("int global::Clashes.INumbers.Value", generated);
        Assert.Contains("int global::Clashes.INumbers.Changed()", generated);
        Assert.Single(AllIndexesOf(generated, "Same(string text"));
        AssertNoWarnings(diagnostics);
    }

    [Fact]
    public void DefaultImplementedAndStaticMembers_AreNotImplemented()
    {
        var (result, _, _) = GeneratorHarness.Run(Clashing);

        string generated = result.GeneratedSources.Single().SourceText.ToString();
        Assert.DoesNotContain("Describe(", generated);
        Assert.DoesNotContain("Create(", generated);
    }

    [Fact]
    public void InitAccessor_ExplainsItselfInsteadOfFailingToCompile()
    {
        var (result, _, _) = GeneratorHarness.Run(Clashing);

        Assert.Contains("init { throw new global::System.NotSupportedException(\"Name is init-only", result.GeneratedSources.Single().SourceText.ToString());
    }

    [Fact]
    public void RefReadOnlyReturn_GoesToThePrimary_RefReadOnlyParameter_GoesThroughTheChain()
    {
        var (result, _, _) = GeneratorHarness.Run(Clashing);

        string generated = result.GeneratedSources.Single().SourceText.ToString();
        Assert.Contains("return ref this.__chain.Primary.Peek(in value);", generated);
        Assert.Contains("__provider.Take(in __state.Item1, in __state.Item2)", generated);
    }

    [Fact]
    public void SameInterfaceNameInTwoNamespaces_AndGenericArity_GetDistinctFiles()
    {
        const string source = """
            using FailoverGen;
            namespace A { [FallbackChain] public interface IClient { string Call(); } }
            namespace B { [FallbackChain] public interface IClient { string Call(); } }
            namespace B { [FallbackChain] public interface IClient<T> { T Call(); } }
            namespace B { public class Outer { [FallbackChain] public interface IClient { string Call(); } } }
            """;

        var (result, diagnostics, _) = GeneratorHarness.Run(source);

        Assert.Null(result.Exception);
        Assert.Equal(4, result.GeneratedSources.Select(s => s.HintName).Distinct().Count());
        AssertNoWarnings(diagnostics);
    }

    [Fact]
    public void VariantInterface_DropsVarianceOnTheClass()
    {
        var (result, diagnostics, _) = GeneratorHarness.Run(
            "using FailoverGen; [FallbackChain] public interface IConverter<in TIn, out TOut> { TOut Convert(TIn value); }");

        Assert.Contains("class ConverterFailover<TIn, TOut> : global::IConverter<TIn, TOut>", result.GeneratedSources.Single().SourceText.ToString());
        AssertNoWarnings(diagnostics);
    }

    private static IEnumerable<int> AllIndexesOf(string text, string value)
    {
        for (int i = text.IndexOf(value, System.StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, System.StringComparison.Ordinal))
        {
            yield return i;
        }
    }

    private static void AssertNoWarnings(IEnumerable<Diagnostic> diagnostics)
    {
        string[] problems = diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).ToArray();
        Assert.True(problems.Length == 0, string.Join("\n", problems));
    }
}
