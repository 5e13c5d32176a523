using System;
using System.Text;

namespace FailoverGen;

/// <summary>
/// One server-sent event as streaming APIs send it (<c>event: error</c> / <c>data: {…}</c> lines), or a bare JSON chunk
/// from an API that streams JSON without the SSE framing.
/// </summary>
internal static class ServerSentEvent
{
    /// <summary>Splits <paramref name="text"/> into its event name (null when none) and its data (the data lines joined).</summary>
    public static void Read(string text, out string? name, out string data)
    {
        name = null;
        var joined = new StringBuilder();
        bool framed = false;
        int start = 0;
        while (start <= text.Length)
        {
            int end = text.IndexOf('\n', start);
            if (end < 0)
            {
                end = text.Length;
            }

            string line = text.Substring(start, end - start).TrimEnd('\r');
            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                framed = true;
                name = line.Substring(6).Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                framed = true;
                AppendLine(joined, line.Substring(line.Length > 5 && line[5] == ' ' ? 6 : 5));
            }
            else if (framed && line.Length > 0 && !line.StartsWith(":", StringComparison.Ordinal) && !line.StartsWith("id:", StringComparison.Ordinal) && !line.StartsWith("retry:", StringComparison.Ordinal))
            {
                // A JSON payload pretty-printed over several lines after one "data:" prefix, as some proxies relay it.
                AppendLine(joined, line);
            }

            start = end + 1;
        }

        data = framed ? joined.ToString().Trim() : text.Trim();
    }

    private static void AppendLine(StringBuilder joined, string line)
    {
        if (joined.Length > 0)
        {
            joined.Append('\n');
        }

        joined.Append(line);
    }
}
