using System.CodeDom.Compiler;

namespace FailoverGen.Generator;

/// <summary>Block helpers for the emitters' indented writer: a brace and an indent level, always in pairs.</summary>
internal static class SourceWriterExtensions
{
    /// <summary>Writes <paramref name="header"/> (when given) and an opening brace, and indents what follows.</summary>
    public static void OpenBlock(this IndentedTextWriter writer, string? header = null)
    {
        if (header is not null)
        {
            writer.WriteLine(header);
        }

        writer.WriteLine("{");
        writer.Indent++;
    }

    /// <summary>Ends the block <see cref="OpenBlock"/> began; <paramref name="closing"/> is <c>"});"</c> for a lambda argument.</summary>
    public static void CloseBlock(this IndentedTextWriter writer, string closing = "}")
    {
        writer.Indent--;
        writer.WriteLine(closing);
    }

    /// <summary>A whole block: <paramref name="header"/>, then <paramref name="body"/> lines between braces.</summary>
    public static void Block(this IndentedTextWriter writer, string header, params string[] body)
    {
        writer.OpenBlock(header);
        foreach (string line in body)
        {
            writer.WriteLine(line);
        }

        writer.CloseBlock();
    }
}
