using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace FailoverGen.Chaos;

/// <summary>What one soak run saw: outcome counts, latencies and every violation of the engine's promises.</summary>
public sealed class SoakReport
{
    private const int MaxViolationsShown = 20;
    private readonly ConcurrentQueue<string> _violations = new();
    private readonly ConcurrentBag<double> _cancelLatenciesMs = new();
    private readonly ConcurrentBag<double> _overrunsMs = new();
    private readonly ConcurrentDictionary<string, int> _outcomes = new();

    public SoakReport(string mode)
    {
        Mode = mode;
    }

    public string Mode { get; }

    public int ViolationCount => _violations.Count;

    public long Requests { get; set; }

    public long RequestsIntoKnownCooldown { get; set; }

    public long MemoryGrowthBytes { get; set; }

    public int UnobservedTaskExceptions { get; set; }

    public TimeSpan Elapsed { get; set; }

    public void Count(string outcome) => _outcomes.AddOrUpdate(outcome, 1, static (_, n) => n + 1);

    public void Violation(string what) => _violations.Enqueue(what);

    public void CancelLatency(TimeSpan latency) => _cancelLatenciesMs.Add(latency.TotalMilliseconds);

    public void Overrun(TimeSpan overrun) => _overrunsMs.Add(overrun.TotalMilliseconds);

    public override string ToString()
    {
        int calls = _outcomes.Values.Sum();
        var text = new StringBuilder()
            .Append(Mode).Append(": ").Append(calls).Append(" calls in ").Append(Elapsed.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)).Append(" s, ")
            .Append(Requests).Append(" provider requests").AppendLine();
        foreach (KeyValuePair<string, int> outcome in _outcomes.OrderByDescending(o => o.Value))
        {
            text.Append("  ").Append(outcome.Key).Append(": ").Append(outcome.Value).AppendLine();
        }

        text.Append("  requests into a known cooldown: ").Append(RequestsIntoKnownCooldown)
            .Append(" (").Append(Percent(RequestsIntoKnownCooldown, Requests)).Append(')').AppendLine();
        text.Append("  cancel to end (ms): ").Append(Percentiles(_cancelLatenciesMs)).AppendLine();
        text.Append("  past the deadline (ms): ").Append(Percentiles(_overrunsMs)).AppendLine();
        text.Append("  memory growth after warm-up: ").Append(MemoryGrowthBytes / 1024).Append(" KiB").AppendLine();
        text.Append("  unobserved task exceptions: ").Append(UnobservedTaskExceptions).AppendLine();
        text.Append("  violations: ").Append(_violations.Count).AppendLine();
        foreach (string violation in _violations.Take(MaxViolationsShown))
        {
            text.Append("    ").Append(violation).AppendLine();
        }

        return text.ToString();
    }

    private static string Percent(long part, long whole) =>
        whole == 0 ? "0 %" : (100.0 * part / whole).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " %";

    private static string Percentiles(IEnumerable<double> values)
    {
        double[] sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0)
        {
            return "none";
        }

        string At(double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))].ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
        return $"n={sorted.Length} p50={At(0.5)} p99={At(0.99)} max={sorted[^1].ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)}";
    }
}
