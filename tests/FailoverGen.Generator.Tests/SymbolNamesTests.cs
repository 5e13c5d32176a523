using System.Linq;
using FailoverGen.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FailoverGen.Generator.Tests;

/// <summary>
/// The generator compares symbols with known names without formatting them; it must agree with ToDisplayString() on
/// every name of a non-generic type or namespace, the only names it is asked about.
/// </summary>
public class SymbolNamesTests
{
    private const string Source = @"
namespace Outer.Inner
{
    public class Plain { public class Nested { } }
    public interface IGeneric<T> { }
    public class Sub : Plain { }
}
public class TopLevel { }
namespace Outer.InnerPlain { public class Plain { } }";

    private static readonly CSharpCompilation Compilation = GeneratorHarness.CreateCompilation(new[] { Source });

    [Theory]
    [InlineData("Outer.Inner.Plain")]
    [InlineData("Outer.Inner.Plain+Nested")]
    [InlineData("Outer.Inner.IGeneric`1")]
    [InlineData("Outer.Inner.Sub")]
    [InlineData("TopLevel")]
    [InlineData("Outer.InnerPlain.Plain")]
    [InlineData("System.Threading.CancellationToken")]
    [InlineData("System.Threading.Tasks.ValueTask")]
    [InlineData("System.Threading.Tasks.ValueTask`1")]
    public void AgreesWithTheDisplayNameOfEveryTypeAndNamespace(string metadataName)
    {
        INamedTypeSymbol type = Compilation.GetTypeByMetadataName(metadataName)!;
        string[] candidates =
        {
            "Outer.Inner.Plain", "Outer.Inner.Plain.Nested", "Outer.Inner.IGeneric", "Outer.Inner.Sub",
            "TopLevel", "Outer.InnerPlain.Plain", "Inner.Plain", "Plain", "Outer.Inner", "Outer", "er.Inner.Plain", ".Outer.Inner.Plain",
            "System.Threading.CancellationToken", "System.Threading", "System.Threading.Tasks.ValueTask", "",
        };

        foreach (ISymbol symbol in new ISymbol[] { type, type.ContainingNamespace })
        {
            foreach (string candidate in candidates)
            {
                bool expected = symbol.ToDisplayString() == candidate;
                Assert.True(expected == SymbolNames.Is(symbol, candidate), $"{symbol.ToDisplayString()} against '{candidate}': expected {expected}");
            }
        }
    }

    [Fact]
    public void NoSymbol_MatchesNothing()
    {
        Assert.False(SymbolNames.Is(null, "System.Object"));
        Assert.False(SymbolNames.Is(Compilation.GlobalNamespace.GetNamespaceMembers().First(), string.Empty + "x"));
    }
}
