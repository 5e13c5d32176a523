using System.Collections.Generic;

namespace FailoverGen;

/// <summary>A chain's side of an <see cref="ICooldownFleet"/>: what the other instances learned, applied here.</summary>
public interface ICooldownFleetMember
{
    /// <summary>
    /// Another instance opened a cooldown: skip the provider here too until it ends. A cooldown that ends before the
    /// one this instance already has changes nothing. Nothing is told back to the fleet.
    /// </summary>
    void OpenCooldown(FleetCooldown cooldown);

    /// <summary>Another instance's call to the provider succeeded after a cooldown: call it again here.</summary>
    void Recover(string provider);

    /// <summary>The cooldowns in force on this instance now, to hand to the fleet after it was out of reach.</summary>
    IReadOnlyList<FleetCooldown> ActiveCooldowns();
}
