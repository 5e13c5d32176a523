using System;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

namespace FailoverGen.PackageTests;

/// <summary>Runs the dotnet CLI the way a user's shell would, and reads the build facts this project was given.</summary>
internal static class DotnetCli
{
    private static readonly Assembly Self = typeof(DotnetCli).Assembly;

    /// <summary>A value the project file recorded as assembly metadata (package version, paths).</summary>
    public static string Metadata(string key) =>
        Self.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    /// <summary>
    /// Runs <c>dotnet</c> with <paramref name="arguments"/> in <paramref name="directory"/> (the current one when null),
    /// without the outer <c>dotnet test</c>'s MSBuild variables, which would otherwise steer the inner build. Gives up
    /// after five minutes.
    /// </summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string? directory, string? packageCache, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (directory is not null)
        {
            start.WorkingDirectory = directory;
        }

        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToArray())
        {
            start.Environment.Remove(name);
        }

        if (packageCache is not null)
        {
            start.Environment["NUGET_PACKAGES"] = packageCache;
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

        return (process.ExitCode, await stdout, await stderr);
    }
}
