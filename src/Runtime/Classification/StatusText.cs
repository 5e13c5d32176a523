using System;

namespace FailoverGen;

/// <summary>
/// An HTTP status written into a message by a client or gateway that kept nothing else: "Error code: 429 - {…}"
/// (OpenAI's Python client, quoted by gateways), "status code 503", "HTTP 401", "Response status code does not
/// indicate success: 429 (Too Many Requests)".
/// </summary>
internal static class StatusText
{
    private static readonly string[] Prefixes =
    {
        "error code: ", "status code: ", "status code ", "statuscode: ", "status: ", "http ", "does not indicate success: ",
    };

    /// <summary>The first status in 400–599 that follows one of the prefixes; null when there is none.</summary>
    public static int? Find(string? message)
    {
        if (message is null)
        {
            return null;
        }

        foreach (string prefix in Prefixes)
        {
            int at = message.IndexOf(prefix, StringComparison.OrdinalIgnoreCase);
            if (at >= 0 && ThreeDigits(message, at + prefix.Length) is int status and >= 400 and <= 599)
            {
                return status;
            }
        }

        return null;
    }

    private static int? ThreeDigits(string text, int start)
    {
        if (start + 3 > text.Length || (start + 3 < text.Length && char.IsDigit(text[start + 3])))
        {
            return null;
        }

        int value = 0;
        for (int i = start; i < start + 3; i++)
        {
            if (text[i] is < '0' or > '9')
            {
                return null;
            }

            value = (value * 10) + (text[i] - '0');
        }

        return value;
    }
}
