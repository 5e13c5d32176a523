using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace FailoverGen.Analyzers.Tests;

/// <summary>Analyzer and code-fix tests compiled against the running framework and the FailoverGen runtime, with no downloads.</summary>
internal static class Verify
{
    /// <summary>The shared framework's assemblies plus the FailoverGen runtime.</summary>
    public static readonly IReadOnlyList<MetadataReference> References = Directory
        .EnumerateFiles(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "*.dll")
        .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "netstandard.dll" or "mscorlib.dll")
        .Append(typeof(FallbackChainAttribute).Assembly.Location)
        .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
        .ToList();

    public static Task AnalyzerAsync<TAnalyzer>(string source, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> { ReferenceAssemblies = new ReferenceAssemblies("net10.0") };
        test.TestState.Sources.Add(source);
        test.TestState.AdditionalReferences.AddRange(References);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    public static Task CodeFixAsync<TAnalyzer, TCodeFix>(string source, string fixedSource, DiagnosticResult[] expected, int codeActionIndex = 0)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionIndex = codeActionIndex,
        };
        test.TestState.AdditionalReferences.AddRange(References);
        test.FixedState.AdditionalReferences.AddRange(References);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    public static DiagnosticResult Diagnostic(string id, DiagnosticSeverity severity, int markup) =>
        new DiagnosticResult(id, severity).WithLocation(markup);
}
