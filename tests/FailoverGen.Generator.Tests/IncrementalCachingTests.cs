using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FailoverGen.Generator.Tests;

public class IncrementalCachingTests
{
    private static readonly string[] TrackedSteps = { TrackingNames.Interfaces, TrackingNames.Models, TrackingNames.Features };

    [Fact]
    public void UnrelatedFileAdded_EveryTrackedStepIsCachedOrUnchanged()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(new[] { TestSources.ChatProvider });
        GeneratorDriver driver = GeneratorHarness.CreateDriver(compilation).RunGenerators(compilation);

        CSharpCompilation edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace Other { public class Unrelated { public int Value => 42; } }",
            (CSharpParseOptions)compilation.SyntaxTrees.First().Options));
        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllOutputs(result, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void MethodBodyEditedElsewhere_EveryTrackedStepIsCachedOrUnchanged()
    {
        const string before = "namespace Other { public class Service { public int Compute() => 1; } }";
        const string after = "namespace Other { public class Service { public int Compute() => 2 + 3; } }";
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(new[] { TestSources.ChatProvider, before });
        GeneratorDriver driver = GeneratorHarness.CreateDriver(compilation).RunGenerators(compilation);

        SyntaxTree old = compilation.SyntaxTrees.Last();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(old, old.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(after)));
        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllOutputs(result, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void InterfaceMemberAdded_ModelIsModifiedAndWrapperGainsTheMember()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(new[] { TestSources.ChatProvider });
        GeneratorDriver driver = GeneratorHarness.CreateDriver(compilation).RunGenerators(compilation);

        SyntaxTree old = compilation.SyntaxTrees.Single();
        string changed = TestSources.ChatProvider.Replace("int GetUsage();", "int GetUsage();\n        string Describe();");
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(old, old.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(changed)));
        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(result, TrackingNames.Models));
        Assert.Contains("public string Describe()", result.GeneratedSources.Single().SourceText.ToString());
    }

    [Fact]
    public void DependencyInjectionReferenceAdded_FeaturesChange_AndTheWrapperGainsItsRegistrationMethod()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(new[] { TestSources.ChatProvider });
        GeneratorDriver driver = GeneratorHarness.CreateDriver(compilation).RunGenerators(compilation);
        Assert.DoesNotContain("IServiceCollection", driver.GetRunResult().Results.Single().GeneratedSources.Single().SourceText.ToString());

        MetadataReference dependencyInjection = MetadataReference.CreateFromFile(
            Path.Combine(System.AppContext.BaseDirectory, "Microsoft.Extensions.DependencyInjection.Abstractions.dll"));
        GeneratorRunResult result = driver.RunGenerators(compilation.AddReferences(dependencyInjection)).GetRunResult().Results.Single();

        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(result, TrackingNames.Features));
        Assert.All(Reasons(result, TrackingNames.Models), reason => Assert.Contains(reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        Assert.Contains("IServiceCollection AddChatProviderFailover(", result.GeneratedSources.Single().SourceText.ToString());
    }

    private static void AssertAllOutputs(GeneratorRunResult result, params IncrementalStepRunReason[] allowed)
    {
        foreach (string step in TrackedSteps)
        {
            IncrementalStepRunReason[] reasons = Reasons(result, step).ToArray();
            Assert.NotEmpty(reasons);
            Assert.All(reasons, reason => Assert.Contains(reason, allowed));
        }
    }

    private static IEnumerable<IncrementalStepRunReason> Reasons(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(run => run.Outputs).Select(output => output.Reason);
}
