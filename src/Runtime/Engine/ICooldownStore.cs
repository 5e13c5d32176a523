using System;

namespace FailoverGen;

/// <summary>
/// The cooldown and health state the failover walk consults and updates, per provider position. In process by
/// default (<see cref="InProcessCooldownStore"/>); the seam lets a store shared by a fleet of instances take its place.
/// </summary>
internal interface ICooldownStore
{
    /// <summary>Takes new groups and durations from configuration; cooldowns already open stay as they are.</summary>
    void Reconfigure(string?[] groups, CooldownOptions cooldowns);

    /// <summary>True when provider <paramref name="index"/> is healthy: no cooldown, no probe, nothing that needs the time.</summary>
    bool IsClosed(int index, out long generation);

    /// <summary>A success of a healthy provider recorded without reading the clock.</summary>
    void OnUntimedSuccess(int index);

    /// <summary>Whether provider <paramref name="index"/> may be called now, and in what role.</summary>
    Admission TryEnter(int index, DateTimeOffset now, out Cooldown cooldown, out long generation);

    /// <summary>The generation a forced call to provider <paramref name="index"/> belongs to.</summary>
    long GenerationOf(int index);

    void OnSuccess(int index, Admission admission, long generation, DateTimeOffset now);

    void OnFailure(int index, in FailureClassification failure, Admission admission, long generation, DateTimeOffset now);

    void OnNoVerdict(int index, Admission admission);

    /// <summary>
    /// How long provider <paramref name="index"/> still cools down (zero when it is available); false while another
    /// call probes it. A hint read without locks: the walk asks the store again before calling.
    /// </summary>
    bool TryGetCooldownLeft(int index, DateTimeOffset now, out TimeSpan left);

    /// <summary>Provider <paramref name="index"/>'s cooldown state, for health snapshots.</summary>
    CooldownStatus Describe(int index, DateTimeOffset now);

    /// <summary>True when a provider of <paramref name="among"/> other than <paramref name="index"/> could take a call now.</summary>
    bool AnyOtherAvailable(int index, int[] among, DateTimeOffset now);

    /// <summary>
    /// The provider of <paramref name="among"/> whose cooldown ends first. One being probed by another call comes last: its cooldown is over, but
    /// sending it every forced call would defeat the single probe.
    /// </summary>
    int SoonestAvailable(int[] among);
}
