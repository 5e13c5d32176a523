using System;

namespace FailoverGen;

/// <summary>
/// One provider admitted into one call: its position, which provider of the call it is, the role it was admitted in,
/// the cooldown generation it belongs to, and when it was admitted (so a success needs no second clock read).
/// </summary>
internal readonly struct AttemptSlot
{
    public AttemptSlot(int index, int attempt, Admission admission, long generation, DateTimeOffset admittedAt)
    {
        Index = index;
        Attempt = attempt;
        Admission = admission;
        Generation = generation;
        AdmittedUtcTicks = admittedAt.UtcTicks;
    }

    public int Index { get; }

    /// <summary>1 for the first provider the call sent a request to, 2 for the next, and so on.</summary>
    public int Attempt { get; }

    public Admission Admission { get; }

    public long Generation { get; }

    /// <summary>When it was admitted, as UTC ticks: the slot is copied into each attempt, so it stays small.</summary>
    public long AdmittedUtcTicks { get; }
}
