using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FailoverGen.Generator.Tests;

/// <summary>
/// The generated code for each member shape and failure class, kept as text under <c>Snapshots/</c> and compared
/// exactly, so a reviewer sees what users get and every change to it shows in the diff. After an intended change, run
/// the tests once with <c>FAILOVERGEN_UPDATE_SNAPSHOTS=1</c> to rewrite the files, and review them.
/// </summary>
public sealed class SnapshotTests
{
    public static TheoryData<string> Names()
    {
        var names = new TheoryData<string>();
        foreach (string name in Sources().Keys)
        {
            names.Add(name);
        }

        return names;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void GeneratedCode_MatchesItsSnapshot(string name)
    {
        string source = Sources()[name];
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(new[] { source })
            .WithOptions(GeneratorHarness.CreateCompilation(new[] { string.Empty }).Options.WithAllowUnsafe(true));
        GeneratorRunResult result = GeneratorHarness.CreateDriver(compilation).RunGenerators(compilation).GetRunResult().Results.Single();
        string actual = string.Join("\n// ----\n", result.GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal).Select(s => "// " + s.HintName + "\n" + s.SourceText))
            .Replace("\r\n", "\n")
            .Replace(typeof(FallbackChainGenerator).Assembly.GetName().Version!.ToString(), "VERSION");
        string path = SnapshotPath(name);
        if (Environment.GetEnvironmentVariable("FAILOVERGEN_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"No snapshot for '{name}': run with FAILOVERGEN_UPDATE_SNAPSHOTS=1 and review {path}.");
        Assert.Equal(File.ReadAllText(path).Replace("\r\n", "\n"), actual);
    }

    private static Dictionary<string, string> Sources()
    {
        var sources = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["chat-provider"] = TestSources.ChatProvider,
            ["member-shapes"] = TestSources.Shapes,
        };
        foreach (object?[] row in FailureClassTests.Cases())
        {
            sources[Slug((string)row[0]!)] = FailureClassTests.Usings + (string)row[1]!;
        }

        return sources;
    }

    private static string Slug(string name) =>
        new string(name.Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray()).Trim('-').Replace("--", "-");

    private static string SnapshotPath(string name, [CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "Snapshots", name + ".g.cs.txt");
}
