using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Abstractions;

namespace FailoverGen.Generator.Tests;

/// <summary>
/// Seeded random interfaces over every member shape and naming case: each valid one must be wrapped into code that
/// compiles with no diagnostic, in a random language version and nullable setting; token mutations of them (most no
/// longer valid C#) must never make the generator throw. Failures print the seed, the case and the source.
/// Longer run: <c>FAILOVERGEN_FUZZ_CASES=10000 FAILOVERGEN_FUZZ_SEED=1 dotnet test tests/FailoverGen.Generator.Tests --filter GeneratorFuzzTests</c>.
/// </summary>
public sealed class GeneratorFuzzTests
{
    private const int DefaultCases = 300;
    private const int DefaultSeed = 20261130;
    private readonly ITestOutputHelper _output;

    public GeneratorFuzzTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void RandomValidInterfaces_AreWrappedIntoCodeThatCompilesWithoutDiagnostics()
    {
        (int seed, int cases) = Settings();
        _output.WriteLine($"generator fuzz: seed {seed}, {cases} interfaces");
        var random = new Random(seed);
        var failures = new List<string>();
        int invalid = 0;
        for (int i = 0; i < cases && failures.Count < 5; i++)
        {
            LanguageVersion version = random.Next(3) switch { 0 => LanguageVersion.CSharp8, 1 => LanguageVersion.CSharp10, _ => LanguageVersion.Latest };
            NullableContextOptions nullable = random.Next(2) == 0 ? NullableContextOptions.Enable : NullableContextOptions.Disable;
            string source = new InterfaceWriter(random, version).Write();
            CSharpCompilation compilation = GeneratorHarness.CreateCompilation(new[] { source }, version, nullable);
            if (compilation.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is Diagnostic error)
            {
                // The writer aims at valid C#; a rare invalid combination is not the generator's input class here.
                if (invalid++ < 3)
                {
                    _output.WriteLine("invalid: " + error);
                }

                continue;
            }

            GeneratorDriver driver = GeneratorHarness.CreateDriver(compilation).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out var generatorDiagnostics);
            GeneratorRunResult result = driver.GetRunResult().Results.Single();
            string[] problems = generatorDiagnostics.AddRange(output.GetDiagnostics())
                .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath != "Source0.cs")
                .Select(d => d.ToString())
                .ToArray();
            if (result.Exception is not null || problems.Length > 0 || result.GeneratedSources.IsEmpty)
            {
                failures.Add($"seed {seed}, case {i}, {version}, nullable {nullable}:\n{result.Exception}{string.Join("\n", problems.Take(5))}\n{source}\n--- generated ---\n{string.Join("\n", result.GeneratedSources.Select(s => s.SourceText.ToString()))}");
            }
        }

        _output.WriteLine($"{invalid} invalid interfaces skipped");
        Assert.True(invalid < cases / 10, $"{invalid} of {cases} written interfaces were not valid C#");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    [Fact]
    public void TokenMutations_NeverMakeTheGeneratorThrow()
    {
        (int seed, int cases) = Settings();
        _output.WriteLine($"generator mutation fuzz: seed {seed}, {cases} mutants");
        var random = new Random(seed);
        var failures = new List<string>();
        for (int i = 0; i < cases && failures.Count < 5; i++)
        {
            string source = Mutate(new InterfaceWriter(random, LanguageVersion.Latest).Write(), random);
            CSharpCompilation compilation = GeneratorHarness.CreateCompilation(new[] { source });
            GeneratorDriver driver = GeneratorHarness.CreateDriver(compilation).RunGeneratorsAndUpdateCompilation(compilation, out _, out var diagnostics);
            GeneratorRunResult result = driver.GetRunResult().Results.Single();
            if (result.Exception is not null || diagnostics.Any(d => d.Id is "CS8785" or "AD0001"))
            {
                failures.Add($"seed {seed}, mutant {i}: {result.Exception}\n{source}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    private static (int Seed, int Cases) Settings() =>
        (Setting("FAILOVERGEN_FUZZ_SEED", DefaultSeed), Setting("FAILOVERGEN_FUZZ_CASES", DefaultCases));

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : fallback;

    /// <summary>Deletes, repeats or swaps a few tokens.</summary>
    private static string Mutate(string source, Random random)
    {
        List<string> tokens = SyntaxFactory.ParseTokens(source).Select(t => t.ToFullString()).ToList();
        for (int m = random.Next(1, 4); m > 0 && tokens.Count > 1; m--)
        {
            int at = random.Next(tokens.Count);
            switch (random.Next(3))
            {
                case 0:
                    tokens.RemoveAt(at);
                    break;
                case 1:
                    tokens.Insert(at, tokens[random.Next(tokens.Count)]);
                    break;
                default:
                    int other = random.Next(tokens.Count);
                    (tokens[at], tokens[other]) = (tokens[other], tokens[at]);
                    break;
            }
        }

        return string.Concat(tokens);
    }

    /// <summary>Writes a random, valid <c>[FallbackChain]</c> interface with a base interface and helper types.</summary>
    private sealed class InterfaceWriter
    {
        private static readonly string[] Names =
        {
            "Get", "Send", "Complete", "Stream", "Chain", "__chain", "provider", "state", "token", "__provider", "__state", "__token",
            "@class", "@event", "Value", "Item", "Dispose", "Name", "Run", "@params", "Execute", "Primary",
        };

        private static readonly string[] ValueTypes = { "int", "long", "bool", "double", "System.Guid", "System.DateTimeOffset", "Mode" };
        private static readonly string[] ReferenceTypes = { "string", "object", "Payload", "int[]", "System.Collections.Generic.List<string>", "System.Uri" };

        private readonly Random _random;
        private readonly bool _nullableSyntax;
        private readonly StringBuilder _text = new();
        private readonly HashSet<string> _signatures = new();
        private int _members;

        public InterfaceWriter(Random random, LanguageVersion version)
        {
            _random = random;
            _nullableSyntax = version >= LanguageVersion.CSharp8;
        }

        public string Write()
        {
            _text.AppendLine(_nullableSyntax ? "#nullable enable" : string.Empty)
                .AppendLine("using System; using System.Collections.Generic; using System.Threading; using System.Threading.Tasks; using FailoverGen;")
                .AppendLine("namespace Fuzz {")
                .AppendLine("public enum Mode { First, Second }")
                .AppendLine("public sealed class Payload { }");
            bool generic = _random.Next(3) == 0;
            string typeParameter = generic ? Pick("T", "TItem", "__state", "TKey") : string.Empty;
            string baseList = string.Empty;
            if (_random.Next(2) == 0)
            {
                _text.AppendLine("public interface IBase {");
                WriteMembers(_random.Next(1, 4), string.Empty);
                _text.AppendLine("}");
                baseList = " : IBase" + (_random.Next(3) == 0 ? ", IDisposable" : string.Empty);
            }

            _text.Append("[FallbackChain] public interface IFuzz").Append(generic ? "<" + typeParameter + ">" : string.Empty).Append(baseList);
            if (generic && _random.Next(2) == 0)
            {
                _text.Append(" where ").Append(typeParameter).Append(_random.Next(2) == 0 ? " : class" : " : notnull");
            }

            _text.AppendLine(" {");
            WriteMembers(_random.Next(1, 8), typeParameter);
            _text.AppendLine("}").AppendLine("}");
            return _text.ToString();
        }

        private void WriteMembers(int count, string typeParameter)
        {
            for (int i = 0; i < count; i++)
            {
                string name = Pick(Names) + (_random.Next(3) == 0 ? string.Empty : (_members++).ToString(CultureInfo.InvariantCulture));
                switch (_random.Next(10))
                {
                    case 0:
                        Property(name, typeParameter);
                        break;
                    case 1:
                        Event(name);
                        break;
                    default:
                        Method(name, typeParameter);
                        break;
                }
            }
        }

        private void Method(string name, string typeParameter)
        {
            string methodTypeParameter = _random.Next(4) == 0 ? Pick("U", "TResult", "T", "__provider") : string.Empty;
            string element = Type(typeParameter, methodTypeParameter);
            string returnType = _random.Next(8) switch
            {
                0 => "Task<" + element + ">",
                1 => "Task",
                2 => "ValueTask<" + element + ">",
                3 => "ValueTask",
                4 => "IAsyncEnumerable<" + element + ">",
                5 => "void",
                _ => element,
            };
            var parameters = new List<string>();
            bool defaults = false;
            for (int p = _random.Next(0, 4); p > 0 && !(parameters.Count > 0 && parameters[^1].StartsWith("params ", StringComparison.Ordinal)); p--)
            {
                parameters.Add(Parameter(parameters.Count, typeParameter, methodTypeParameter, ref defaults));
            }

            // A params array must come last, so a token parameter only joins lists without one.
            if (_random.Next(2) == 0 && !(parameters.Count > 0 && parameters[^1].StartsWith("params ", StringComparison.Ordinal)))
            {
                parameters.Add("CancellationToken ct" + parameters.Count + " = default");
            }

            string signature = name + "`" + (methodTypeParameter.Length > 0 ? 1 : 0) + string.Join(",", parameters.Select(p => p.Split(' ')[0]));
            if (!_signatures.Add(signature))
            {
                return;
            }

            string constraint = methodTypeParameter.Length > 0 ? Pick(string.Empty, " where " + methodTypeParameter + " : class", " where " + methodTypeParameter + " : struct", " where " + methodTypeParameter + " : new()") : string.Empty;
            if (methodTypeParameter == typeParameter && methodTypeParameter.Length > 0)
            {
                methodTypeParameter = "V";
                constraint = string.Empty;
                returnType = returnType.Replace("<" + typeParameter + ">", "<V>").Replace(typeParameter == returnType ? typeParameter : "\0", "V");
            }

            string attribute = _random.Next(6) == 0 ? "[NoFailover] " : _random.Next(6) == 0 ? "[FailoverOn(429, 503)] " : string.Empty;
            _text.Append("    ").Append(attribute).Append(returnType).Append(' ').Append(name)
                .Append(methodTypeParameter.Length > 0 ? "<" + methodTypeParameter + ">" : string.Empty)
                .Append('(').Append(string.Join(", ", parameters)).Append(')').Append(constraint).AppendLine(";");
        }

        private string Parameter(int index, string typeParameter, string methodTypeParameter, ref bool defaults)
        {
            string name = Pick("value", "prompt", "provider", "state", "__state", "@ref", "token", "chain") + index;

            // After the first optional parameter only optional ones (or a params array) may follow.
            switch (defaults ? 3 + _random.Next(2) : _random.Next(8))
            {
                case 0:
                    return "out " + Pick(ValueTypes) + " " + name;
                case 1:
                    return "ref string " + name;
                case 2:
                    return "in int " + name;
                case 3 when !defaults:
                    return "params string[] " + name;
                case 4:
                    defaults = true;
                    return Pick("int " + name + " = 42", "string" + Q() + " " + name + " = \"a\\\"b\"", "Mode " + name + " = Mode.Second", "double " + name + " = 0.5", "bool " + name + " = true", "object" + Q() + " " + name + " = null");
                default:
                    return (defaults ? "string" + Q() + " " + name + " = null" : Type(typeParameter, methodTypeParameter) + " " + name);
            }
        }

        private void Property(string name, string typeParameter)
        {
            if (!_signatures.Add(name))
            {
                return;
            }

            _text.Append("    ").Append(Type(typeParameter, string.Empty)).Append(' ').Append(name)
                .AppendLine(Pick(" { get; }", " { get; set; }", " { set; }"));
        }

        private void Event(string name)
        {
            if (_signatures.Add(name))
            {
                _text.Append("    event EventHandler").Append(Q()).Append(' ').Append(name).AppendLine(";");
            }
        }

        private string Type(string typeParameter, string methodTypeParameter) => _random.Next(6) switch
        {
            0 when typeParameter.Length > 0 => typeParameter,
            1 when methodTypeParameter.Length > 0 => methodTypeParameter,
            2 => Pick(ValueTypes) + (_random.Next(3) == 0 ? "?" : string.Empty),
            _ => Pick(ReferenceTypes) + Q(),
        };

        /// <summary>A nullable annotation, where the language has them.</summary>
        private string Q() => _nullableSyntax && _random.Next(3) == 0 ? "?" : string.Empty;

        private string Pick(params string[] options) => options[_random.Next(options.Length)];
    }
}
