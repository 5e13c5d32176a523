namespace FailoverGen;

internal static class TextLimits
{
    /// <summary>Cuts <paramref name="text"/> to at most <paramref name="maxChars"/> without splitting a surrogate pair.</summary>
    public static string Truncate(string text, int maxChars)
    {
        if (text.Length <= maxChars)
        {
            return text;
        }

        int length = char.IsHighSurrogate(text[maxChars - 1]) ? maxChars - 1 : maxChars;
        return text.Substring(0, length);
    }
}
