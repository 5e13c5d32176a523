using System.CodeDom.Compiler;
using FailoverGen.Generator.Model;

namespace FailoverGen.Generator;

/// <summary>
/// Writes <c>new ChatClientBuilder(primary).UseFailover("openai/gpt-4o", (services, chain) =&gt; chain.Add(...))</c> for
/// an <c>IChatClient</c> wrapper when the project references Microsoft.Extensions.AI: the client the builder wraps becomes
/// the chain's primary, as middleware wraps its inner client, and the pipeline's services supply the chain's clock,
/// logger and meter. A wrapper with another class name gets <c>Use{ClassName}</c>, so two wrappers never clash.
/// </summary>
internal static class ChatClientBuilderEmitter
{
    private const string Builder = "global::Microsoft.Extensions.AI.ChatClientBuilder";
    private const string Client = "global::Microsoft.Extensions.AI.IChatClient";

    public static void Write(IndentedTextWriter writer, ChainModel model)
    {
        string method = model.ClassName == "ChatClientFailover" ? "UseFailover" : "Use" + model.ClassName;
        writer.WriteLine("/// <summary>Adds <c>" + model.ClassName + "</c> to Microsoft.Extensions.AI chat pipelines.</summary>");
        writer.WriteLine("[global::System.CodeDom.Compiler.GeneratedCode(\"FailoverGen.Generator\", \"" + model.Options.GeneratorVersion + "\")]");
        writer.OpenBlock((model.IsPublic ? "public" : "internal") + " static class " + model.ClassName + "ChatClientBuilderExtensions");
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// Makes the client being built the primary, named <paramref name=\"primaryName\"/>, of a failover chain; <paramref name=\"configure\"/>");
        writer.WriteLine("/// adds the fallbacks and options. Middleware added before this call runs once around the whole failover.");
        writer.WriteLine("/// </summary>");
        writer.WriteLine(
            "public static " + Builder + " " + method + "(this " + Builder + " builder, string primaryName, global::System.Action<global::System.IServiceProvider, "
            + Emitter.Runtime + "FallbackChainBuilder<" + Client + ">> configure)");
        writer.OpenBlock();
        writer.WriteLine("if (builder == null) throw new global::System.ArgumentNullException(nameof(builder));");
        writer.WriteLine("if (configure == null) throw new global::System.ArgumentNullException(nameof(configure));");
        writer.OpenBlock("return builder.Use(new global::System.Func<" + Client + ", global::System.IServiceProvider, " + Client + ">((inner, services) =>");
        writer.WriteLine("var chain = " + Emitter.Runtime + "FallbackChain.Create<" + Client + ">().UseServices(services).Add(primaryName, inner);");
        writer.WriteLine("configure(services, chain);");
        writer.WriteLine("return new " + model.ClassName + "(chain.Build());");
        writer.CloseBlock("}));");
        writer.CloseBlock();
        writer.CloseBlock();
    }
}
