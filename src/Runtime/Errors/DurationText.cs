using System;
using System.Globalization;

namespace FailoverGen;

/// <summary>Short durations for messages: "250 ms", "20 s", "1.5 s", "6 min", "2 h".</summary>
internal static class DurationText
{
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            duration = TimeSpan.Zero;
        }

        if (duration < TimeSpan.FromSeconds(1))
        {
            return ((int)Math.Round(duration.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture) + " ms";
        }

        if (duration < TimeSpan.FromMinutes(2))
        {
            return Math.Round(duration.TotalSeconds, 1).ToString("0.#", CultureInfo.InvariantCulture) + " s";
        }

        if (duration < TimeSpan.FromHours(2))
        {
            return Math.Round(duration.TotalMinutes, 1).ToString("0.#", CultureInfo.InvariantCulture) + " min";
        }

        return Math.Round(duration.TotalHours, 1).ToString("0.#", CultureInfo.InvariantCulture) + " h";
    }
}
