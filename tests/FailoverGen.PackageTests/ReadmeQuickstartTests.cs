using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace FailoverGen.PackageTests;

/// <summary>
/// The README's install commands and quickstart, done as a new user would: a new console app, the packed package from
/// a local folder added as a source, the quickstart pasted into Program.cs, then run. Its output must be what the README
/// says it prints: a failover across a refused connection, a 429 and a 402.
/// </summary>
public sealed class ReadmeQuickstartTests
{
    [Fact]
    public async Task QuickstartPastedIntoANewConsoleApp_FailsOverAsTheReadmeSays()
    {
        string readme = await File.ReadAllTextAsync(DotnetCli.Metadata("Readme"));
        string quickstart = Section(readme, "## Quickstart");
        string program = Block(quickstart, "```csharp");
        string expected = Block(quickstart[quickstart.IndexOf("It prints:", StringComparison.Ordinal)..], "```");
        string app = Path.Combine(Path.GetTempPath(), "failovergen-quickstart-" + Guid.NewGuid().ToString("N"));
        try
        {
            await RunAsync(Path.GetTempPath(), "new", "console", "-o", app);
            await RunAsync(app, "new", "nugetconfig");
            await RunAsync(app, "nuget", "add", "source", DotnetCli.Metadata("PackageFolder"), "--name", "failovergen-local", "--configfile", "nuget.config");
            await RunAsync(app, "add", "package", "FailoverGen", "--version", DotnetCli.Metadata("FailoverGenVersion"));
            await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), program);

            string output = await RunAsync(app, "run");

            Assert.Equal(Lines(expected), Lines(output));
        }
        finally
        {
            Directory.Delete(app, recursive: true);
        }
    }

    private static string Section(string markdown, string heading)
    {
        int start = markdown.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(start >= 0, heading + " is missing from the README.");
        int end = markdown.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        return end < 0 ? markdown[start..] : markdown[start..end];
    }

    private static string Block(string markdown, string fence)
    {
        int start = markdown.IndexOf(fence, StringComparison.Ordinal);
        Assert.True(start >= 0, fence + " block is missing from the README's quickstart.");
        start = markdown.IndexOf('\n', start) + 1;
        int end = markdown.IndexOf("\n```", start, StringComparison.Ordinal);
        return markdown[start..end] + "\n";
    }

    private static string[] Lines(string text) =>
        text.Split('\n').Select(line => line.TrimEnd('\r', ' ')).Where(line => line.Length > 0).ToArray();

    /// <summary>Runs the dotnet CLI in <paramref name="directory"/> with this run's own package cache (so a FailoverGen of the
    /// same version restored earlier from another build is never used); fails the test with its output when it fails.</summary>
    private static async Task<string> RunAsync(string directory, params string[] arguments)
    {
        (int exitCode, string output, string errors) = await DotnetCli.RunAsync(directory, DotnetCli.Metadata("PackageCache"), arguments);
        Assert.True(exitCode == 0, $"dotnet {string.Join(' ', arguments)} failed ({exitCode}):\n{output}\n{errors}");
        return output;
    }
}
