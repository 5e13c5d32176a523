using System;
using System.Collections.Generic;
using System.Threading;

namespace FailoverGen;

/// <summary>
/// Cooldowns kept in this process: one <see cref="ProviderCircuit"/> per provider. Providers that share a group (one
/// account or key) share the failures that hold for the account: auth, billing and quota cool every member at once.
/// </summary>
internal sealed class InProcessCooldownStore : ICooldownStore
{
    private readonly ProviderCircuit[] _circuits;
    private readonly IFailoverTelemetry _telemetry;
    private Rules _rules;

    public InProcessCooldownStore(string?[] groups, CooldownOptions cooldowns, IFailoverTelemetry telemetry)
    {
        _rules = new Rules(groups, cooldowns);
        _telemetry = telemetry;
        _circuits = new ProviderCircuit[groups.Length];
        for (int i = 0; i < _circuits.Length; i++)
        {
            _circuits[i] = new ProviderCircuit(cooldowns.SamplingDuration);
        }
    }

    public void Reconfigure(string?[] groups, CooldownOptions cooldowns) => Volatile.Write(ref _rules, new Rules(groups, cooldowns));

    public bool IsClosed(int index, out long generation) => _circuits[index].IsClosed(out generation);

    public void OnUntimedSuccess(int index) => _circuits[index].OnUntimedSuccess();

    public Admission TryEnter(int index, DateTimeOffset now, out Cooldown cooldown, out long generation) =>
        _circuits[index].TryEnter(now, out cooldown, out generation);

    public long GenerationOf(int index) => _circuits[index].Generation;

    public void OnSuccess(int index, Admission admission, long generation, DateTimeOffset now)
    {
        if (_circuits[index].OnSuccess(admission, generation, now))
        {
            _telemetry.Recovered(index, admission == Admission.Probe);
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
        if (rules.Groups[index] is string group && HoldsForTheAccount(failure.Reason))
        {
            for (int i = 0; i < _circuits.Length; i++)
            {
                if (i != index && string.Equals(rules.Groups[i], group, StringComparison.Ordinal) && _circuits[i].OpenForGroup(until, failure.Reason, group))
                {
                    _telemetry.CooldownOpened(i, until, failure, group);
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
