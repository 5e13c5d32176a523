using System;
using System.Collections.Generic;
using System.Threading;

namespace FailoverGen;

/// <summary>
/// Cooldowns kept in this process: one <see cref="ProviderCircuit"/> per provider. Providers that share a group (one
/// account or key) share the failures that hold for the account: auth, billing and quota cool every member at once.
/// With an <see cref="ICooldownFleet"/>, the cooldowns opened here are told to the app's other instances, theirs are
/// applied here, and a cooldown's end is probed by the one instance the fleet names. Every decision is still taken
/// here, from memory: the fleet only brings news.
/// </summary>
internal sealed class InProcessCooldownStore : ICooldownStore, ICooldownFleetMember
{
    private readonly ProviderCircuit[] _circuits;
    private readonly IFailoverTelemetry _telemetry;
    private readonly IReadOnlyList<string> _names;
    private readonly Dictionary<string, int> _indexes;
    private readonly TimeProvider _time;
    private readonly ICooldownFleet? _fleet;
    private Rules _rules;

    public InProcessCooldownStore(
        string?[] groups,
        CooldownOptions cooldowns,
        IFailoverTelemetry telemetry,
        IReadOnlyList<string> names,
        TimeProvider time,
        ICooldownFleet? fleet = null)
    {
        _rules = new Rules(groups, cooldowns);
        _telemetry = telemetry;
        _names = names;
        _time = time;
        _circuits = new ProviderCircuit[groups.Length];
        _indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < _circuits.Length; i++)
        {
            _circuits[i] = new ProviderCircuit(cooldowns.SamplingDuration);
            _indexes[names[i]] = i;
        }

        _fleet = fleet;
    }

    /// <summary>Joins the fleet, once the chain that owns this store is complete.</summary>
    public void JoinFleet(string chainName) => _fleet?.Attach(chainName, _names, this);

    public void Reconfigure(string?[] groups, CooldownOptions cooldowns) => Volatile.Write(ref _rules, new Rules(groups, cooldowns));

    public bool IsClosed(int index, out long generation) => _circuits[index].IsClosed(out generation);

    public void OnUntimedSuccess(int index) => _circuits[index].OnUntimedSuccess();

    public Admission TryEnter(int index, DateTimeOffset now, out Cooldown cooldown, out long generation)
    {
        Admission admission = _circuits[index].TryEnter(now, out cooldown, out generation);
        if (admission == Admission.Probe && _fleet is not null && !ClaimProbe(index, out TimeSpan wait))
        {
            // Another instance probes the provider; its outcome reaches this one through the fleet.
            _circuits[index].YieldProbe(now, wait);
            cooldown = new Cooldown(wait, cooldown.Reason, cooldown.Group);
            return Admission.SkipCoolingDown;
        }

        return admission;
    }

    public long GenerationOf(int index) => _circuits[index].Generation;

    public void OnSuccess(int index, Admission admission, long generation, DateTimeOffset now)
    {
        if (_circuits[index].OnSuccess(admission, generation, now))
        {
            _telemetry.Recovered(index, admission == Admission.Probe);
            Tell(fleet => fleet.Recovered(_names[index]));
        }
    }

    public void OnFailure(int index, in FailureClassification failure, Admission admission, long generation, DateTimeOffset now)
    {
        Rules rules = Volatile.Read(ref _rules);
        if (_circuits[index].OnFailure(failure, admission, generation, now, rules.Cooldowns) is not DateTimeOffset until)
        {
            return;
        }

        if (admission == Admission.Probe)
        {
            _telemetry.ProbeFailed(index);
        }

        _telemetry.CooldownOpened(index, until, failure, group: null);
        string? evidence = _fleet is null ? null : Evidence(failure);
        TellOpened(index, until, now, failure.Reason, group: null, evidence);
        if (rules.Groups[index] is string group && HoldsForTheAccount(failure.Reason))
        {
            for (int i = 0; i < _circuits.Length; i++)
            {
                if (i != index && string.Equals(rules.Groups[i], group, StringComparison.Ordinal) && _circuits[i].OpenUntil(until, failure.Reason, group))
                {
                    _telemetry.CooldownOpened(i, until, failure, group);
                    TellOpened(i, until, now, failure.Reason, group, evidence);
                }
            }
        }
    }

    public void OnNoVerdict(int index, Admission admission) => _circuits[index].OnNoVerdict(admission);

    public bool TryGetCooldownLeft(int index, DateTimeOffset now, out TimeSpan left)
    {
        ProviderCircuit circuit = _circuits[index];
        left = TimeSpan.FromTicks(Math.Max(0, circuit.OpenUntilUtcTicks - now.UtcTicks));
        return !circuit.IsProbing;
    }

    public CooldownStatus Describe(int index, DateTimeOffset now) => _circuits[index].Describe(now);

    public bool AnyOtherAvailable(int index, int[] among, DateTimeOffset now)
    {
        // Reads without the circuits' locks: the answer only chooses between waiting out a short hint and failing over
        // now, and a provider whose state changes while this runs is judged again when the walk reaches it.
        foreach (int i in among)
        {
            if (i != index && _circuits[i].IsAvailable(now))
            {
                return true;
            }
        }

        return false;
    }

    public int SoonestAvailable(int[] among)
    {
        // Reads without the circuits' locks: a cooldown that moves while this runs only changes which provider is
        // forced, and any of them is a valid choice when all are cooling down.
        int best = among[0];
        foreach (int i in among)
        {
            ProviderCircuit candidate = _circuits[i];
            ProviderCircuit current = _circuits[best];
            if ((current.IsProbing && !candidate.IsProbing)
                || (current.IsProbing == candidate.IsProbing && candidate.OpenUntilUtcTicks < current.OpenUntilUtcTicks))
            {
                best = i;
            }
        }

        return best;
    }

    void ICooldownFleetMember.OpenCooldown(FleetCooldown cooldown)
    {
        if (cooldown is null || !_indexes.TryGetValue(cooldown.Provider, out int index) || cooldown.Remaining <= TimeSpan.Zero)
        {
            return;
        }

        DateTimeOffset until = TimeMath.AddSaturating(_time.GetUtcNow(), cooldown.Remaining);
        if (_circuits[index].OpenUntil(until, cooldown.Reason, cooldown.Group))
        {
            _telemetry.FleetCooldownApplied(index, until, cooldown.Reason, cooldown.Group);
        }
    }

    void ICooldownFleetMember.Recover(string provider)
    {
        if (provider is not null && _indexes.TryGetValue(provider, out int index) && _circuits[index].CloseFromFleet())
        {
            _telemetry.FleetRecovered(index);
        }
    }

    IReadOnlyList<FleetCooldown> ICooldownFleetMember.ActiveCooldowns()
    {
        DateTimeOffset now = _time.GetUtcNow();
        var active = new List<FleetCooldown>();
        for (int i = 0; i < _circuits.Length; i++)
        {
            CooldownStatus status = _circuits[i].Describe(now);
            if (status.State == ProviderState.CoolingDown && status.Until is DateTimeOffset until && status.Reason is FailoverReason reason)
            {
                active.Add(new FleetCooldown(_names[i], until - now, reason, status.Group));
            }
        }

        return active;
    }

    private bool ClaimProbe(int index, out TimeSpan wait)
    {
        try
        {
            return _fleet!.TryClaimProbe(_names[index], out wait);
        }
        catch (Exception)
        {
            // A fleet must not throw; one that does leaves the probe to this instance rather than fail the call.
            wait = TimeSpan.Zero;
            return true;
        }
    }

    private void TellOpened(int index, DateTimeOffset until, DateTimeOffset now, FailoverReason reason, string? group, string? evidence)
    {
        if (_fleet is not null)
        {
            var cooldown = new FleetCooldown(_names[index], until - now, reason, group, evidence);
            Tell(fleet => fleet.CooldownOpened(cooldown));
        }
    }

    private void Tell(Action<ICooldownFleet> news)
    {
        if (_fleet is null)
        {
            return;
        }

        try
        {
            news(_fleet);
        }
        catch (Exception)
        {
            // A fleet must not throw; one that does loses this piece of news, never the call that produced it.
        }
    }

    /// <summary>The status and error code behind a cooldown, as the other instances log it.</summary>
    private static string? Evidence(in FailureClassification failure)
    {
        if (failure.StatusCode is not int status)
        {
            return failure.ErrorCode;
        }

        string text = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return failure.ErrorCode is string code ? text + " " + code : text;
    }

    /// <summary>A rate limit can be per model; a key that is refused or an account out of credit or quota is not.</summary>
    private static bool HoldsForTheAccount(FailoverReason reason) =>
        reason is FailoverReason.Auth or FailoverReason.Billing or FailoverReason.Quota;

    /// <summary>The groups and durations in force; replaced as a whole when configuration changes.</summary>
    private sealed class Rules
    {
        public Rules(string?[] groups, CooldownOptions cooldowns)
        {
            Groups = groups;
            Cooldowns = cooldowns;
        }

        public string?[] Groups { get; }

        public CooldownOptions Cooldowns { get; }
    }
}
