using System;
using System.Collections.Generic;

namespace FailoverGen.Tests.Fleet;

/// <summary>
/// A fleet in memory for the engine's side of the seam: records what the chain tells it, answers probe claims as the
/// test says, and hands the test the chain's <see cref="ICooldownFleetMember"/> to play the other instances.
/// </summary>
internal sealed class RecordingFleet : ICooldownFleet
{
    private readonly List<string> _told = new();

    public ICooldownFleetMember Member { get; private set; } = null!;

    public string? Chain { get; private set; }

    public IReadOnlyList<string> Providers { get; private set; } = Array.Empty<string>();

    /// <summary>What the chain told, in order: "open a 20000 RateLimit group=… evidence=…" or "recovered a".</summary>
    public IReadOnlyList<string> Told
    {
        get
        {
            lock (_told)
            {
                return _told.ToArray();
            }
        }
    }

    /// <summary>Null lets this instance probe; a time says another instance holds the probe for that long.</summary>
    public TimeSpan? ProbeHeldElsewhereFor { get; set; }

    public int ProbeClaims { get; private set; }

    public bool Throws { get; set; }

    public void Attach(string chainName, IReadOnlyList<string> providers, ICooldownFleetMember member)
    {
        Chain = chainName;
        Providers = providers;
        Member = member;
    }

    public void CooldownOpened(FleetCooldown cooldown)
    {
        Fail();
        Add($"open {cooldown.Provider} {cooldown.Remaining.TotalMilliseconds} {cooldown.Reason} group={cooldown.Group} evidence={cooldown.Evidence}");
    }

    public void Recovered(string provider)
    {
        Fail();
        Add("recovered " + provider);
    }

    public bool TryClaimProbe(string provider, out TimeSpan wait)
    {
        Fail();
        ProbeClaims++;
        wait = ProbeHeldElsewhereFor ?? TimeSpan.Zero;
        return ProbeHeldElsewhereFor is null;
    }

    private void Fail()
    {
        if (Throws)
        {
            throw new InvalidOperationException("a broken fleet");
        }
    }

    private void Add(string line)
    {
        lock (_told)
        {
            _told.Add(line);
        }
    }
}
