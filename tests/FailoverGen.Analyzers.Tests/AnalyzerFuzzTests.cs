using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

namespace FailoverGen.Analyzers.Tests;

/// <summary>
/// Seeded token mutations of the real-code corpus (most no longer valid C#) run through every analyzer: none may
/// throw, since an analyzer exception is an AD0001 warning in every user's build. A failure prints the seed, the
/// case, the exception and a reproduction reduced line by line.
/// Longer run: <c>FAILOVERGEN_FUZZ_CASES=10000 FAILOVERGEN_FUZZ_SEED=1 dotnet test tests/FailoverGen.Analyzers.Tests --filter AnalyzerFuzzTests</c>.
/// </summary>
public sealed class AnalyzerFuzzTests
{
    private const int DefaultCases = 150;
    private const int DefaultSeed = 20261201;

    /// <summary>Tokens that change what the rules see: control flow, filters, throws, loops, the exception variable.</summary>
    private static readonly string[] Insertions =
    {
        "throw;", "return null;", "continue;", "break;", "when (ex is HttpRequestException)", "when (IsNotFound(ex))", "catch {", "try {",
        "}", "{", "ex", "null", "await", "for (;;) {", "while (true) {", "do {", "} while (retry);", "_last = ex;", "new Exception(\"x\", ex)",
        "Task.FromException(ex)", "tcs.SetException(ex);", "!", "is not", "?.", "=>", ";", ",", "(", ")", "static", "partial",
    };

    private readonly ITestOutputHelper _output;

    public AnalyzerFuzzTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public async Task TokenMutationsOfRealCode_NeverMakeAnAnalyzerThrow()
    {
        int seed = Setting("FAILOVERGEN_FUZZ_SEED", DefaultSeed);
        int cases = Setting("FAILOVERGEN_FUZZ_CASES", DefaultCases);
        _output.WriteLine($"analyzer fuzz: seed {seed}, {cases} mutants");
        string[] originals = RealCodeCorpus.Files().Select(File.ReadAllText).ToArray();
        var random = new Random(seed);
        var failures = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < cases && failures.Count < 5; i++)
        {
            string source = Mutate(originals[random.Next(originals.Length)], random);
            Exception[] thrown = await AnalyzeAsync(source);
            if (thrown.Length > 0)
            {
                // One reproduction per failure class: the exception type and the frame that threw.
                string failureClass = thrown[0].GetType().Name + " at " + thrown[0].StackTrace?.Split('\n').FirstOrDefault()?.Trim();
                if (!failures.ContainsKey(failureClass))
                {
                    string reduced = await ReduceAsync(source, failureClass);
                    failures[failureClass] = $"seed {seed}, case {i}: {thrown[0]}\n--- reduced ---\n{reduced}";
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures.Values));
    }

    /// <summary>Removes, inserts, duplicates or swaps a few tokens, or cuts the file short.</summary>
    private static string Mutate(string source, Random random)
    {
        List<string> tokens = SyntaxFactory.ParseTokens(source).Select(t => t.ToFullString()).ToList();
        int edits = 1 + random.Next(4);
        for (int e = 0; e < edits && tokens.Count > 2; e++)
        {
            int at = random.Next(tokens.Count);
            switch (random.Next(5))
            {
                case 0:
                    tokens.RemoveRange(at, Math.Min(1 + random.Next(3), tokens.Count - at));
                    break;
                case 1:
                    tokens.Insert(at, " " + Insertions[random.Next(Insertions.Length)] + " ");
                    break;
                case 2:
                    tokens.Insert(at, tokens[random.Next(tokens.Count)]);
                    break;
                case 3:
                    int other = random.Next(tokens.Count);
                    (tokens[at], tokens[other]) = (tokens[other], tokens[at]);
                    break;
                default:
                    tokens.RemoveRange(at, tokens.Count - at);
                    break;
            }
        }

        return string.Concat(tokens);
    }

    private static async Task<Exception[]> AnalyzeAsync(string source) =>
        (await Verify.RunAsync(RealCodeCorpus.Compile(source, "Mutant.cs"), Verify.AllAnalyzers)).Exceptions;

    /// <summary>Drops lines, halves first, as long as the same failure class remains.</summary>
    private static async Task<string> ReduceAsync(string source, string failureClass)
    {
        List<string> lines = source.Split('\n').ToList();
        for (int chunk = lines.Count / 2; chunk >= 1; chunk /= 2)
        {
            for (int start = 0; start + chunk <= lines.Count;)
            {
                List<string> candidate = lines.Take(start).Concat(lines.Skip(start + chunk)).ToList();
                Exception[] thrown = await AnalyzeAsync(string.Join('\n', candidate));
                if (thrown.Length > 0 && (thrown[0].GetType().Name + " at " + thrown[0].StackTrace?.Split('\n').FirstOrDefault()?.Trim()) == failureClass)
                {
                    lines = candidate;
                }
                else
                {
                    start += chunk;
                }
            }
        }

        return string.Join('\n', lines);
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : fallback;
}
