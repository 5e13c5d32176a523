using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FailoverGen.Generator.Tests;

/// <summary>[assembly: FallbackChainFor] over interfaces from other assemblies, and the DI extension.</summary>
public class ForeignInterfaceAndDiTests
{
    private static readonly ImmutableArray<MetadataReference> ExtensionsReferences = Directory
        .EnumerateFiles(System.AppContext.BaseDirectory, "*.dll")
        .Where(path => Path.GetFileName(path) is "Microsoft.Extensions.AI.Abstractions.dll" or "Microsoft.Extensions.DependencyInjection.Abstractions.dll")
        .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
        .ToImmutableArray();

    private static readonly ImmutableArray<MetadataReference> ChatClientBuilderReferences = ExtensionsReferences.AddRange(Directory
        .EnumerateFiles(System.AppContext.BaseDirectory, "Microsoft.Extensions.AI.dll")
        .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)));

    private static readonly ImmutableArray<MetadataReference> ConfigurationReferences = ExtensionsReferences.AddRange(Directory
        .EnumerateFiles(System.AppContext.BaseDirectory, "*.dll")
        .Where(path => Path.GetFileName(path) is "Microsoft.Extensions.Configuration.Abstractions.dll" or "Microsoft.Extensions.Options.dll" or "Microsoft.Extensions.Primitives.dll")
        .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)));

    private const string ChatClientWrapper = "[assembly: FailoverGen.FallbackChainFor(typeof(Microsoft.Extensions.AI.IChatClient))]";

    public static IEnumerable<object[]> LanguageMatrix() => GeneratedCodeCompilesTests.LanguageMatrix();

    [Theory]
    [MemberData(nameof(LanguageMatrix))]
    public void ChatClientFromAnotherAssembly_IsWrapped_AndCompilesWithoutWarnings(LanguageVersion version, NullableContextOptions nullable)
    {
        var (result, diagnostics, _) = GeneratorHarness.Run(ChatClientWrapper, version, nullable, ExtensionsReferences);

        string generated = result.GeneratedSources.Single().SourceText.ToString();
        Assert.Contains("namespace Consumer", generated);
        Assert.Contains("internal sealed partial class ChatClientFailover : global::Microsoft.Extensions.AI.IChatClient", generated);
        Assert.Contains(".ExecuteResumableStreamAsync(", generated);
        Assert.Contains("ChatRole.Assistant", generated);
        Assert.Contains(".DisposeProviders();", generated);
        Assert.Contains(".Primary.GetService(", generated);
        AssertNoWarnings(diagnostics);
    }

    [Fact]
    public void NameAndNamespace_CanBeChosen()
    {
        var (result, diagnostics, _) = GeneratorHarness.Run(
            "[assembly: FailoverGen.FallbackChainFor(typeof(Microsoft.Extensions.AI.IChatClient), ClassName = \"ResilientChat\", Namespace = \"My.Chat\")]",
            extraReferences: ExtensionsReferences);

        string generated = result.GeneratedSources.Single().SourceText.ToString();
        Assert.Contains("namespace My.Chat", generated);
        Assert.Contains("class ResilientChat ", generated);
        AssertNoWarnings(diagnostics);
    }

    [Theory]
    [MemberData(nameof(LanguageMatrix))]
    public void PublicWrapper_IsPublic_WithAPublicRegistrationMethod(LanguageVersion version, NullableContextOptions nullable)
    {
        var (result, diagnostics, _) = GeneratorHarness.Run(
            "[assembly: FailoverGen.FallbackChainFor(typeof(Microsoft.Extensions.AI.IChatClient), Public = true)]", version, nullable, ExtensionsReferences);

        string generated = string.Concat(result.GeneratedSources.Select(s => s.SourceText.ToString()));
        Assert.Contains("public sealed partial class ChatClientFailover : global::Microsoft.Extensions.AI.IChatClient", generated);
        Assert.Contains("public static class ChatClientFailoverServiceCollectionExtensions", generated);
        Assert.DoesNotContain("internal ", generated);
        AssertNoWarnings(diagnostics);
    }

    [Fact]
    public void PolicyNamedOnTheAttribute_ReplacesTheDefault()
    {
        var (result, diagnostics, _) = GeneratorHarness.Run(
            "[assembly: FailoverGen.FallbackChainFor(typeof(Microsoft.Extensions.AI.IChatClient), FailoverOnStatusCodes = new[] { 429, 503 }, "
            + "FailoverOnReasons = new[] { FailoverGen.FailoverReason.ContextOverflow, FailoverGen.FailoverReason.Network })]",
            extraReferences: ExtensionsReferences);

        string generated = result.GeneratedSources.Single().SourceText.ToString();
        Assert.Contains("new int[] { 429, 503 }", generated);
        Assert.Contains("global::FailoverGen.FailoverReason.ContextOverflow, global::FailoverGen.FailoverReason.Network", generated);
        Assert.DoesNotContain("FailoverPolicy.Default", generated);
        AssertNoWarnings(diagnostics);
    }

    [Fact]
    public void NoPolicyOnTheAttribute_KeepsTheDefault()
    {
        var (result, _, _) = GeneratorHarness.Run(ChatClientWrapper, extraReferences: ExtensionsReferences);

        Assert.Contains("FailoverPolicy.Default", result.GeneratedSources.Single().SourceText.ToString());
    }

    [Theory]
    [MemberData(nameof(LanguageMatrix))]
    public void WithChatClientBuilderAvailable_UseFailoverIsWritten_AndCompiles(LanguageVersion version, NullableContextOptions nullable)
    {
        var (result, diagnostics, _) = GeneratorHarness.Run(ChatClientWrapper, version, nullable, ChatClientBuilderReferences);

        string generated = result.GeneratedSources.Single().SourceText.ToString();
        Assert.Contains("internal static class ChatClientFailoverChatClientBuilderExtensions", generated);
        Assert.Contains("UseFailover(this global::Microsoft.Extensions.AI.ChatClientBuilder builder, string primaryName,", generated);
        AssertNoWarnings(diagnostics);
    }

    [Fact]
    public void WrapperWithAnotherName_GetsAUseMethodNamedAfterIt()
    {
        var (result, diagnostics, _) = GeneratorHarness.Run(
            "[assembly: FailoverGen.FallbackChainFor(typeof(Microsoft.Extensions.AI.IChatClient), ClassName = \"ResilientChat\")]",
            extraReferences: ChatClientBuilderReferences);

        Assert.Contains(" UseResilientChat(this ", result.GeneratedSources.Single().SourceText.ToString());
        AssertNoWarnings(diagnostics);
    }

    [Fact]
    public void SameInterfaceRequestedInTwoFiles_IsGeneratedOnce()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(new[] { ChatClientWrapper, ChatClientWrapper }, extraReferences: ExtensionsReferences);

        GeneratorDriverRunResult run = GeneratorHarness.CreateDriver(compilation).RunGenerators(compilation).GetRunResult();

        Assert.Null(run.Results.Single().Exception);
        Assert.Single(run.GeneratedTrees);
    }

    [Theory]
    [InlineData("[assembly: FailoverGen.FallbackChainFor(typeof(string))]")]
    [InlineData("[assembly: FailoverGen.FallbackChainFor(null)]")]
    [InlineData("[assembly: FailoverGen.FallbackChainFor(typeof(System.Collections.Generic.IList<>))]")]
    [InlineData("[assembly: FailoverGen.FallbackChainFor(typeof(Missing.IType))]")]
    [InlineData("[assembly: FailoverGen.FallbackChainFor(typeof(System.IDisposable), ClassName = \"not valid\")]")]
    public void InvalidFallbackChainFor_NeverThrows(string source)
    {
        var (result, _, _) = GeneratorHarness.Run(source, extraReferences: ExtensionsReferences);

        Assert.Null(result.Exception);
    }

    [Theory]
    [MemberData(nameof(LanguageMatrix))]
    public void WithDependencyInjectionReferenced_AnAddExtensionIsEmitted_AndCompiles(LanguageVersion version, NullableContextOptions nullable)
    {
        var (result, diagnostics, _) = GeneratorHarness.Run(TestSources.Shapes, version, nullable, ExtensionsReferences);

        Assert.Contains(result.GeneratedSources, s => s.SourceText.ToString().Contains("public static global::Microsoft.Extensions.DependencyInjection.IServiceCollection AddRepositoryFailover<T>("));
        AssertNoWarnings(diagnostics);
    }

    [Theory]
    [MemberData(nameof(LanguageMatrix))]
    public void WithConfigurationReferenced_AnOverloadBindingTheSettingsIsEmitted_AndCompiles(LanguageVersion version, NullableContextOptions nullable)
    {
        var (result, diagnostics, _) = GeneratorHarness.Run(TestSources.Shapes, version, nullable, ConfigurationReferences);

        string generated = string.Join("\n", result.GeneratedSources.Select(s => s.SourceText.ToString()));
        Assert.Contains("AddRepositoryFailover<T>(this global::Microsoft.Extensions.DependencyInjection.IServiceCollection services, global::Microsoft.Extensions.Configuration.IConfiguration configuration,", generated);
        Assert.Contains("global::FailoverGen.FailoverServiceCollectionExtensions.AddFailoverSettings<", generated);
        AssertNoWarnings(diagnostics);
    }

    [Fact]
    public void WithoutConfiguration_NoConfigurationOverloadIsEmitted()
    {
        var (result, _, _) = GeneratorHarness.Run(TestSources.Shapes, extraReferences: ExtensionsReferences);

        Assert.DoesNotContain(result.GeneratedSources, s => s.SourceText.ToString().Contains("IConfiguration"));
    }

    [Fact]
    public void WithoutDependencyInjection_NoExtensionIsEmitted()
    {
        var (result, _, _) = GeneratorHarness.Run(TestSources.ChatProvider);

        Assert.DoesNotContain("IServiceCollection", result.GeneratedSources.Single().SourceText.ToString());
    }

    private static void AssertNoWarnings(IEnumerable<Diagnostic> diagnostics)
    {
        string[] problems = diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).ToArray();
        Assert.True(problems.Length == 0, string.Join("\n", problems));
    }
}
