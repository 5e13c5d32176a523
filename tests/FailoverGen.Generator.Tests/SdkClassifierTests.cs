using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FailoverGen.Generator.Tests;

/// <summary>The classifier the generator writes for referenced SDKs and for [FailoverClassifier] types.</summary>
public class SdkClassifierTests
{
    private const string Source = """
        using System;
        using System.Threading.Tasks;
        using FailoverGen;

        namespace Consumer
        {
            public sealed class TeapotClassifier : IFailoverClassifier
            {
                public bool TryClassify(Exception exception, out FailureClassification classification)
                {
                    classification = new FailureClassification(FailoverReason.Overloaded, 418);
                    return exception is InvalidOperationException;
                }
            }

            public sealed class NotAClassifier { }

            public sealed class NeedsArguments : IFailoverClassifier
            {
                public NeedsArguments(int value) { }
                public bool TryClassify(Exception exception, out FailureClassification classification) { classification = default(FailureClassification); return false; }
            }

            [FallbackChain]
            [FailoverClassifier(typeof(TeapotClassifier))]
            [FailoverClassifier(typeof(NotAClassifier))]
            [FailoverClassifier(typeof(NeedsArguments))]
            [FailoverOn(429)]
            public interface IChat
            {
                Task<string> AskAsync(string prompt);

                [FailoverOn(503)]
                string Ping();
            }
        }
        """;

    public static IEnumerable<object[]> LanguageMatrix() => GeneratedCodeCompilesTests.LanguageMatrix();

    [Theory]
    [MemberData(nameof(LanguageMatrix))]
    public void ReferencedSdks_GetATypeCheckEach_AndTheCodeCompilesWithoutWarnings(LanguageVersion version, NullableContextOptions nullable)
    {
        var (result, diagnostics, _) = GeneratorHarness.Run(Source, version, nullable, GeneratorHarness.SdkReferences);

        string generated = result.GeneratedSources.Single().SourceText.ToString();
        Assert.Contains("exception as global::System.ClientModel.ClientResultException", generated);
        Assert.Contains("exception as global::Azure.RequestFailedException", generated);
        Assert.Contains("exception as global::Anthropic.Exceptions.AnthropicApiException", generated);
        string[] problems = diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).ToArray();
        Assert.True(problems.Length == 0, string.Join("\n", problems));
    }

    [Fact]
    public void EveryPolicy_CarriesTheClassifier_IncludingTheDefaultOne()
    {
        var (result, _, _) = GeneratorHarness.Run(Source.Replace("[FailoverOn(429)]", string.Empty), extraReferences: GeneratorHarness.SdkReferences);

        string generated = result.GeneratedSources.Single().SourceText.ToString();
        Assert.Contains("global::FailoverGen.FailoverPolicy.Default.WithClassifier(__Classifier.Instance);", generated);
        Assert.Contains("new global::FailoverGen.FailoverPolicy(new int[] { 503 }, null).WithClassifier(__Classifier.Instance);", generated);
        Assert.DoesNotContain("FailoverPolicy.Default, ", generated);
    }

    [Fact]
    public void OnlyCreatableClassifierTypes_AreInstantiated()
    {
        var (result, _, _) = GeneratorHarness.Run(Source);

        string generated = result.GeneratedSources.Single().SourceText.ToString();
        Assert.Contains("new global::Consumer.TeapotClassifier()", generated);
        Assert.DoesNotContain("NotAClassifier", generated);
        Assert.DoesNotContain("NeedsArguments", generated);
    }

    [Fact]
    public void WithoutSdksOrCustomClassifiers_NoClassifierIsEmitted()
    {
        var (result, _, _) = GeneratorHarness.Run(TestSources.ChatProvider);

        Assert.DoesNotContain("IFailoverClassifier", result.GeneratedSources.Single().SourceText.ToString());
    }

    [Fact]
    public void InterfaceMemberNamedLikeTheClassifier_DoesNotCollide()
    {
        const string source = """
            using FailoverGen;
            [FallbackChain]
            [FailoverClassifier(typeof(C))]
            public interface IClash { string __Classifier(); string __policyDefault { get; } }
            public sealed class C : IFailoverClassifier
            {
                public bool TryClassify(System.Exception exception, out FailureClassification classification) { classification = default(FailureClassification); return false; }
            }
            """;

        var (result, diagnostics, _) = GeneratorHarness.Run(source);

        Assert.Contains("__Classifier1", result.GeneratedSources.Single().SourceText.ToString());
        Assert.Empty(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
    }
}
