using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace FailoverGen.Analyzers.Tests;

/// <summary>FG0004-FG0008: what the generator would otherwise do silently.</summary>
public class UsageAnalyzerTests
{
    [Fact]
    public async Task InterfaceWithoutMembers_IsReported_InheritedMembersCount()
    {
        const string source = """
            using FailoverGen;
            [FallbackChain] public interface {|#0:IEmpty|} { static string Create() => ""; string Describe() => ""; }
            public interface IBase { string Call(); }
            [FallbackChain] public interface IInherits : IBase { }
            """;

        await Verify.AnalyzerAsync<FallbackChainInterfaceAnalyzer>(
            source,
            Verify.Diagnostic(DiagnosticIds.EmptyFallbackChain, DiagnosticSeverity.Warning, 0).WithArguments("IEmpty"));
    }

    [Fact]
    public async Task MembersThatCannotFailOver_AreReportedAsPrimaryOnly()
    {
        const string source = """
            using System;
            using FailoverGen;
            [FallbackChain]
            public interface IClient
            {
                string Call(string prompt);
                bool {|#0:TryGet|}(string key, out string value);
                void {|#1:Fill|}(Span<byte> buffer);
                ref int {|#2:Peek|}();
                int {|#3:this|}[int index] { get; }
            }
            """;

        await Verify.AnalyzerAsync<FallbackChainInterfaceAnalyzer>(
            source,
            PrimaryOnly(0, "TryGet", "it has ref or out parameters"),
            PrimaryOnly(1, "Fill", "it has a ref struct or pointer parameter"),
            PrimaryOnly(2, "Peek", "it returns by reference"),
            PrimaryOnly(3, "this[]", "an indexer"));
    }

    [Fact]
    public async Task ClassifierTypesTheWrapperCannotCreate_AreErrors()
    {
        const string source = """
            using System;
            using FailoverGen;
            public sealed class Good : IFailoverClassifier { public bool TryClassify(Exception e, out FailureClassification c) { c = default; return false; } }
            public sealed class NotOne { }
            public sealed class NeedsArgs : IFailoverClassifier { public NeedsArgs(int x) { } public bool TryClassify(Exception e, out FailureClassification c) { c = default; return false; } }
            public abstract class Abstract : IFailoverClassifier { public abstract bool TryClassify(Exception e, out FailureClassification c); }

            [FallbackChain]
            [FailoverClassifier(typeof(Good))]
            [{|#0:FailoverClassifier(typeof(NotOne))|}]
            [{|#1:FailoverClassifier(typeof(NeedsArgs))|}]
            [{|#2:FailoverClassifier(typeof(Abstract))|}]
            public interface IClient { string Call(); }
            """;

        await Verify.AnalyzerAsync<FallbackChainInterfaceAnalyzer>(
            source,
            Verify.Diagnostic(DiagnosticIds.InvalidClassifierType, DiagnosticSeverity.Error, 0).WithArguments("NotOne", "it does not implement FailoverGen.IFailoverClassifier"),
            Verify.Diagnostic(DiagnosticIds.InvalidClassifierType, DiagnosticSeverity.Error, 1).WithArguments("NeedsArgs", "it has no accessible parameterless constructor"),
            Verify.Diagnostic(DiagnosticIds.InvalidClassifierType, DiagnosticSeverity.Error, 2).WithArguments("Abstract", "it is not a concrete class"));
    }

    [Fact]
    public async Task ClassNameThatIsNotAnIdentifier_IsAnError()
    {
        const string source = """
            using FailoverGen;
            [{|#0:FallbackChain("Chat Failover")|}] public interface IClient { string Call(); }
            [{|#1:FallbackChain("class")|}] public interface IKeyword { string Call(); }
            [FallbackChain("ChatFailover")] public interface IOther { string Call(); }
            """;

        await Verify.AnalyzerAsync<FallbackChainInterfaceAnalyzer>(
            source,
            Verify.Diagnostic(DiagnosticIds.InvalidClassName, DiagnosticSeverity.Error, 0).WithArguments("Chat Failover"),
            Verify.Diagnostic(DiagnosticIds.InvalidClassName, DiagnosticSeverity.Error, 1).WithArguments("class"));
    }

    [Fact]
    public async Task NoFailoverOutsideAChain_HasNoEffect_ButOnAChainsBaseInterfaceItDoes()
    {
        const string source = """
            using FailoverGen;
            public interface IPlain { [{|#0:NoFailover|}] string Usage(); }
            public interface IBase { [NoFailover] string Usage(); }
            [FallbackChain] public interface IClient : IBase { [NoFailover] string Account(); string Call(); }
            public sealed class Impl : IClient
            {
                [{|#1:NoFailover|}] public string Usage() => "";
                public string Account() => "";
                public string Call() => "";
            }
            """;

        await Verify.AnalyzerAsync<NoFailoverAnalyzer>(
            source,
            Verify.Diagnostic(DiagnosticIds.NoFailoverWithoutEffect, DiagnosticSeverity.Warning, 0).WithArguments("Usage", "IPlain"),
            Verify.Diagnostic(DiagnosticIds.NoFailoverWithoutEffect, DiagnosticSeverity.Warning, 1).WithArguments("Usage", "Impl"));
    }

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult PrimaryOnly(int markup, string member, string reason) =>
        Verify.Diagnostic(DiagnosticIds.PrimaryOnlyMember, DiagnosticSeverity.Info, markup).WithArguments(member, reason);
}
