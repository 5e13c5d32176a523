using System;
using System.Collections.Generic;

namespace FailoverGen;

/// <summary>
/// Shares one chain's cooldowns with the other instances of the app that run a chain of the same name, so a provider
/// that refused one instance is skipped by all of them, and one instance, not each, probes it when the cooldown ends.
/// The chain calls these methods on its hot path: each must return at once, from state kept in memory, and never
/// throw. A fleet that cannot reach its backing store leaves every decision to the instance.
/// </summary>
/// <remarks>FailoverGen.Redis implements it on Redis. One fleet serves one chain.</remarks>
public interface ICooldownFleet
{
    /// <summary>Called once, when the chain is built: its name, its providers and where news from the fleet goes.</summary>
    /// <exception cref="InvalidOperationException">The fleet already serves another chain.</exception>
    void Attach(string chainName, IReadOnlyList<string> providers, ICooldownFleetMember member);

    /// <summary>A cooldown opened on this instance: tell the others.</summary>
    void CooldownOpened(FleetCooldown cooldown);

    /// <summary>A provider's cooldown ended on this instance because a call to it succeeded: tell the others.</summary>
    void Recovered(string provider);

    /// <summary>
    /// Whether this instance sends the one recovery probe to <paramref name="provider"/>, whose cooldown has just ended
    /// here. False when another instance holds the probe, with how long to keep skipping the provider meanwhile.
    /// </summary>
    bool TryClaimProbe(string provider, out TimeSpan wait);
}
