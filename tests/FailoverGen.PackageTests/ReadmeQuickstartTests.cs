using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace FailoverGen.PackageTests;

/// <summary>
/// The README's install commands and quickstart, done as a new user would: a new console app, the packed package from
/// a local folder added as a source, the quickstart pasted into Program.cs, then run. Its output must be what the README
/// says it prints: a failover across a refused connection, a 429 and a 402.
/// </summary>
public sealed class ReadmeQuickstartTests
{
    private static readonly Assembly Self = typeof(ReadmeQuickstartTests).Assembly;

    [Fact]
    public async Task QuickstartPastedIntoANewConsoleApp_FailsOverAsTheReadmeSays()
    {
        string readme = await File.ReadAllTextAsync(Metadata("Readme"));
        string quickstart = Section(readme, "## Quickstart");
        string program = Block(quickstart, "```csharp");
        string expected = Block(quickstart[quickstart.IndexOf("It prints:", StringComparison.Ordinal)..], "```");
        string app = Path.Combine(Path.GetTempPath(), "failovergen-quickstart-" + Guid.NewGuid().ToString("N"));
        try
        {
            await RunAsync(Path.GetTempPath(), "new", "console", "-o", app);
            await RunAsync(app, "new", "nugetconfig");
            await RunAsync(app, "nuget", "add", "source", Metadata("PackageFolder"), "--name", "failovergen-local", "--configfile", "nuget.config");
            await RunAsync(app, "add", "package", "FailoverGen", "--version", Metadata("FailoverGenVersion"));
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

    private static string Metadata(string key) =>
        Self.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    /// <summary>Runs the dotnet CLI in <paramref name="directory"/>; fails the test with its output when it fails.</summary>
    private static async Task<string> RunAsync(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A clean user environment: none of the outer build's MSBuild variables, and this run's own package cache, so a
        // FailoverGen of the same version restored earlier from another build is never used.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToArray())
        {
            start.Environment.Remove(name);
        }

        start.Environment["NUGET_PACKAGES"] = Metadata("PackageCache");
        using Process process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        Task<string> stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        string output = await stdout;
        string errors = await stderr;
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{output}\n{errors}");
        return output;
    }
}
