using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace FailoverGen.Analyzers.Tests;

/// <summary>FG0009–FG0012 and the shapes FG0005/FG0007 gained: every interface or member the generator leaves out or forwards gets a reason.</summary>
public class UnwrappableInterfaceTests
{
    [Fact]
    public async Task StaticAbstractMembers_AreReported_AndNothingElse()
    {
        const string source = """
            using FailoverGen;
            [FallbackChain] public interface {|#0:IFactory|} { static abstract IFactory Create(); string Call(); }
            [FallbackChain] public interface IPlain { static string Helper() => ""; string Call(); }
            """;

        await Verify.AnalyzerAsync<FallbackChainInterfaceAnalyzer>(
            source,
            Verify.Diagnostic(DiagnosticIds.StaticAbstractMembers, DiagnosticSeverity.Warning, 0).WithArguments("IFactory"));
    }

    [Fact]
    public async Task PrivateNestedAndFileLocalInterfaces_AreReported()
    {
        const string source = """
            using FailoverGen;
            public class Outer
            {
                [FallbackChain] private interface {|#0:IHidden|} { string Call(); }
                [FallbackChain] internal interface IShared { string Call(); }
            }
            [FallbackChain] file interface {|#1:ILocal|} { string Call(); }
            """;

        await Verify.AnalyzerAsync<FallbackChainInterfaceAnalyzer>(
            source,
            Verify.Diagnostic(DiagnosticIds.UnreachableInterface, DiagnosticSeverity.Warning, 0)
                .WithArguments("IHidden", "not accessible from a class at namespace level (private or protected)"),
            Verify.Diagnostic(DiagnosticIds.UnreachableInterface, DiagnosticSeverity.Warning, 1).WithArguments("ILocal", "file-local"));
    }

    [Fact]
    public async Task PointerMembersWithoutUnsafeCode_AreReported()
    {
        const string source = """
            using FailoverGen;
            [FallbackChain] public unsafe interface {|#0:IRaw|} { int* Get(); string Call(); }
            """;
        var test = new CSharpAnalyzerTest<FallbackChainInterfaceAnalyzer, DefaultVerifier> { ReferenceAssemblies = new ReferenceAssemblies("net10.0") };
        test.TestState.Sources.Add(source);
        test.TestState.AdditionalReferences.AddRange(Verify.References);
        test.SolutionTransforms.Add((solution, project) => solution.WithProjectCompilationOptions(
            project, ((CSharpCompilationOptions)solution.GetProject(project)!.CompilationOptions!).WithAllowUnsafe(false)));
        test.ExpectedDiagnostics.Add(DiagnosticResult.CompilerError("CS0227").WithLocation(0));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(DiagnosticIds.PointerMembersNeedUnsafe, DiagnosticSeverity.Warning, 0).WithArguments("IRaw"));

        await test.RunAsync();
    }

    [Fact]
    public async Task RefStructReturns_AreReportedAsPrimaryOnly_ButGetServiceIsNot()
    {
        const string source = """
            using System;
            using FailoverGen;
            [FallbackChain]
            public interface IClient
            {
                string Call();
                Span<byte> {|#0:Rent|}();
                object? GetService(Type serviceType, object? serviceKey = null);
            }
            """;

        await Verify.AnalyzerAsync<FallbackChainInterfaceAnalyzer>(
            source,
            Verify.Diagnostic(DiagnosticIds.PrimaryOnlyMember, DiagnosticSeverity.Info, 0).WithArguments("Rent", "it returns a ref struct or a pointer"));
    }

    [Fact]
    public async Task OpenGenericClassifierType_IsReported()
    {
        const string source = """
            using System;
            using FailoverGen;
            public sealed class Generic<T> : IFailoverClassifier { public bool TryClassify(Exception e, out FailureClassification c) { c = default; return false; } }
            [FallbackChain]
            [{|#0:FailoverClassifier(typeof(Generic<>))|}]
            public interface IClient { string Call(); }
            """;

        await Verify.AnalyzerAsync<FallbackChainInterfaceAnalyzer>(
            source,
            Verify.Diagnostic(DiagnosticIds.InvalidClassifierType, DiagnosticSeverity.Error, 0)
                .WithArguments("Generic<>", "it is an open generic type; name its type arguments, e.g. typeof(MyClassifier<int>)"));
    }

    [Fact]
    public async Task FallbackChainFor_OpenGenericAndUnwrappableInterfaces_AreReported_ClosedOnesAreNot()
    {
        const string source = """
            using FailoverGen;
            [assembly: {|#0:FallbackChainFor(typeof(IRepository<>))|}]
            [assembly: FallbackChainFor(typeof(IRepository<string>))]
            [assembly: {|#1:FallbackChainFor(typeof(IFactory))|}]
            public interface IRepository<T> { T Get(string id); }
            public interface IFactory { static abstract IFactory Create(); string Call(); }
            """;

        await Verify.AnalyzerAsync<FallbackChainForAnalyzer>(
            source,
            Verify.Diagnostic(DiagnosticIds.OpenGenericChainFor, DiagnosticSeverity.Warning, 0).WithArguments("IRepository<>"),
            Verify.Diagnostic(DiagnosticIds.StaticAbstractMembers, DiagnosticSeverity.Warning, 1).WithArguments("IFactory"));
    }
}
