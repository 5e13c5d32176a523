using System;
using FailoverGen;

namespace ChatFailover;

/// <summary>Prints each attempt with its timing, each switch and each cooldown as the chain reports them.</summary>
public sealed class AttemptPrinter : FailoverObserver
{
    public override void OnAttemptSucceeded(AttemptSucceeded e) =>
        Console.WriteLine($"  \u2713 {e.Provider} answered in {e.Duration.TotalMilliseconds:0} ms (attempt {e.Attempt})");

    public override void OnAttemptFailed(AttemptFailed e) =>
        Console.WriteLine($"  \u2717 {e.Attempt} after {e.Attempt.Elapsed.TotalMilliseconds:0} ms");

    public override void OnAttemptSkipped(AttemptSkipped e) => Console.WriteLine("  \u21B7 " + e.Attempt);

    public override void OnSwitched(ProviderSwitched e) => Console.WriteLine("  " + e);

    public override void OnCooldownOpened(CooldownOpened e) =>
        Console.WriteLine($"  \u23F8 {e.Provider} cools down until {e.Until:HH:mm:ss} ({e.Reason.Describe()})");
}
