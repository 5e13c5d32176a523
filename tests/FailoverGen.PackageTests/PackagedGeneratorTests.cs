using System;
using System.CodeDom.Compiler;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Threading.Tasks;

namespace FailoverGen.PackageTests;

public sealed class PackagedGeneratorTests
{
    private static readonly string ExpectedVersion = typeof(PackagedGeneratorTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "FailoverGenVersion").Value!;

    [Fact]
    public void GeneratedWrapper_IsCompiledIntoTheConsumer()
    {
        Type wrapper = typeof(GreetingProviderFailover);

        Assert.Same(typeof(PackagedGeneratorTests).Assembly, wrapper.Assembly);
        Assert.True(typeof(IGreetingProvider).IsAssignableFrom(wrapper));
        GeneratedCodeAttribute generatedCode = Assert.Single(wrapper.GetCustomAttributes<GeneratedCodeAttribute>());
        Assert.Equal("FailoverGen.Generator", generatedCode.Tool);
    }

    [Fact]
    public async Task RateLimitedPrimary_FailsOverToHealthySecond()
    {
        var primary = new FailingGreetingProvider(new ProviderException("slow down", statusCode: 429));
        var secondary = new HealthyGreetingProvider("secondary");
        var passedOver = new List<FailoverAttempt>();
        IGreetingProvider greeter = new GreetingProviderFailover(FallbackChain.Create<IGreetingProvider>()
            .Add("primary", primary)
            .Add("secondary", secondary)
            .Configure(options => options.OnAttempt = passedOver.Add)
            .Build());

        string reply = await greeter.GreetAsync("Ada");

        Assert.Equal("secondary: hello Ada", reply);
        Assert.Equal(1, primary.Calls);
        Assert.Equal(1, secondary.Calls);
        FailoverAttempt attempt = Assert.Single(passedOver);
        Assert.Equal("primary", attempt.ProviderName);
        Assert.Equal(FailoverReason.RateLimit, attempt.Reason);
        Assert.Equal(429, attempt.StatusCode);
    }

    [Fact]
    public void RuntimeLibrary_IsResolvedFromThePackage()
    {
        string depsFile = Path.Combine(AppContext.BaseDirectory, "FailoverGen.PackageTests.deps.json");
        using JsonDocument deps = JsonDocument.Parse(File.ReadAllText(depsFile));

        JsonElement library = deps.RootElement.GetProperty("libraries").GetProperty("FailoverGen/" + ExpectedVersion);

        Assert.Equal("package", library.GetProperty("type").GetString());
        Assert.StartsWith("failovergen/" + ExpectedVersion, library.GetProperty("path").GetString());
        string loaded = typeof(FallbackChain).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Equal(ExpectedVersion, loaded.Split('+')[0]);
    }
}
