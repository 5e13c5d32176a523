using System;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace FailoverGen.PackageTests;

public sealed class PackagedAnalyzerTests
{
    private static readonly Assembly Self = typeof(PackagedAnalyzerTests).Assembly;

    [Fact]
    public async Task ConsumerBuild_ReportsFG0001FromThePackagedAnalyzer()
    {
        string probe = Metadata("AnalyzerProbeProject");

        (int exitCode, string output) = await DotnetAsync(
            "build", probe, "--no-incremental", "-nodeReuse:false", "-p:FailoverGenVersion=" + Metadata("FailoverGenVersion"));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("IProbeProvider.cs(8,13): error FG0001: 42 is not an HTTP status code", output);
        string[] errorIds = Regex.Matches(output, @"error ([A-Z]+[0-9]+):").Select(m => m.Groups[1].Value).Distinct().ToArray();
        Assert.Equal(new[] { "FG0001" }, errorIds);
    }

    private static string Metadata(string key) =>
        Self.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    private static async Task<(int ExitCode, string Output)> DotnetAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host inherits the outer `dotnet test`'s MSBuild variables; the probe build must pick its own.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToArray())
        {
            start.Environment.Remove(name);
        }

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

        return (process.ExitCode, await stdout + await stderr);
    }
}
