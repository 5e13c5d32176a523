using System;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace FailoverGen.PackageTests;

public sealed class PackagedAnalyzerTests
{
    [Fact]
    public async Task ConsumerBuild_ReportsFG0001FromThePackagedAnalyzer()
    {
        string probe = DotnetCli.Metadata("AnalyzerProbeProject");

        (int exitCode, string stdout, string stderr) = await DotnetCli.RunAsync(
            directory: null, packageCache: null, "build", probe, "--no-incremental", "-nodeReuse:false", "-p:FailoverGenVersion=" + DotnetCli.Metadata("FailoverGenVersion"));
        string output = stdout + stderr;

        Assert.NotEqual(0, exitCode);
        Assert.Contains("IProbeProvider.cs(8,13): error FG0001: 42 is not an HTTP status code", output);
        string[] errorIds = Regex.Matches(output, @"error ([A-Z]+[0-9]+):").Select(m => m.Groups[1].Value).Distinct().ToArray();
        Assert.Equal(new[] { "FG0001" }, errorIds);
    }
}
