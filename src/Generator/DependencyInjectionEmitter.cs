using System.CodeDom.Compiler;
using FailoverGen.Generator.Model;

namespace FailoverGen.Generator;

/// <summary>
/// Writes <c>services.AddChatProviderFailover((provider, chain) =&gt; chain.Add(...))</c> when the project references
/// Microsoft.Extensions.DependencyInjection.Abstractions: the chain and the wrapper become singletons, the wrapper is
/// registered as the interface, and a registered <c>TimeProvider</c> is used for the chain's clock.
/// </summary>
internal static class DependencyInjectionEmitter
{
    private const string Services = "global::Microsoft.Extensions.DependencyInjection.IServiceCollection";
    private const string Register = "global::Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton";
    private const string Resolve = "global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService";

    public static void Write(IndentedTextWriter writer, ChainModel model, bool configuration)
    {
        string wrapper = model.ClassName + model.TypeParameters;
        string chain = Emitter.Runtime + "FallbackChain<" + model.InterfaceType + ">";
        writer.WriteLine("/// <summary>Registers <c>" + model.ClassName + "</c> and its chain with dependency injection.</summary>");
        writer.WriteLine("[global::System.CodeDom.Compiler.GeneratedCode(\"FailoverGen.Generator\", \"" + model.Options.GeneratorVersion + "\")]");
        writer.OpenBlock((model.IsPublic ? "public" : "internal") + " static class " + model.ClassName + "ServiceCollectionExtensions");
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// Registers the chain built by <paramref name=\"configure\"/> and the wrapper over it as singletons, and the wrapper as the interface.");
        writer.WriteLine("/// Providers can come from the container, for example as keyed services.");
        writer.WriteLine("/// </summary>");
        writer.WriteLine(
            "public static " + Services + " Add" + model.ClassName + model.TypeParameters + "(this " + Services + " services, global::System.Action<global::System.IServiceProvider, "
            + Emitter.Runtime + "FallbackChainBuilder<" + model.InterfaceType + ">> configure)");
        Emitter.WriteConstraints(writer, model.ConstraintClauses);
        writer.OpenBlock();
        writer.WriteLine("if (services == null) throw new global::System.ArgumentNullException(nameof(services));");
        writer.WriteLine("if (configure == null) throw new global::System.ArgumentNullException(nameof(configure));");
        writer.OpenBlock(Register + "<" + chain + ">(services, provider =>");
        writer.WriteLine("var builder = " + Emitter.Runtime + "FallbackChain.Create<" + model.InterfaceType + ">();");
        writer.WriteLine("builder.UseServices(provider);");
        writer.WriteLine("configure(provider, builder);");
        writer.WriteLine("return builder.Build();");
        writer.CloseBlock("});");
        writer.WriteLine(Register + "<" + wrapper + ">(services, provider => new " + wrapper + "(" + Resolve + "<" + chain + ">(provider)));");
        writer.WriteLine(Register + "<" + model.InterfaceType + ">(services, provider => " + Resolve + "<" + wrapper + ">(provider));");
        writer.WriteLine("return services;");
        writer.CloseBlock();
        if (configuration)
        {
            WriteConfigurationOverload(writer, model);
        }

        writer.CloseBlock();
    }

    /// <summary>
    /// <c>services.AddChatProviderFailover(configuration.GetSection("Failover"), (provider, chain) =&gt; ...)</c>: the
    /// runtime binds the section (AOT-safe), checks it at start-up and follows its reloads.
    /// </summary>
    private static void WriteConfigurationOverload(IndentedTextWriter writer, ChainModel model)
    {
        string builder = Emitter.Runtime + "FallbackChainBuilder<" + model.InterfaceType + ">";
        writer.WriteLine();
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// Registers the chain and the wrapper as the other overload does, with the chain's settings (order, retries, timeouts,");
        writer.WriteLine("/// cooldowns, triggers, per-provider settings) bound from <paramref name=\"configuration\"/>, checked when the host starts");
        writer.WriteLine("/// and reloaded when it changes.");
        writer.WriteLine("/// </summary>");
        writer.WriteLine(
            "public static " + Services + " Add" + model.ClassName + model.TypeParameters + "(this " + Services + " services, global::Microsoft.Extensions.Configuration.IConfiguration configuration, global::System.Action<global::System.IServiceProvider, "
            + builder + "> configure)");
        Emitter.WriteConstraints(writer, model.ConstraintClauses);
        writer.OpenBlock();
        writer.WriteLine(Emitter.Runtime + "FailoverServiceCollectionExtensions.AddFailoverSettings<" + model.InterfaceType + ">(services, configuration);");
        writer.WriteLine("return Add" + model.ClassName + model.TypeParameters + "(services, configure);");
        writer.CloseBlock();
    }
}
