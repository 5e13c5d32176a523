using System;

namespace FailoverGen;

internal static class TimeMath
{
    /// <summary><paramref name="now"/> + <paramref name="duration"/>, saturating at <see cref="DateTimeOffset.MaxValue"/> instead of throwing.</summary>
    public static DateTimeOffset AddSaturating(DateTimeOffset now, TimeSpan duration) =>
        duration >= DateTimeOffset.MaxValue - now ? DateTimeOffset.MaxValue : now + duration;
}
