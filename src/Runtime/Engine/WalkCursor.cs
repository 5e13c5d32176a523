using System.Collections.Generic;

namespace FailoverGen;

/// <summary>
/// Where one call's walk through the chain stands: the next position, whether any provider was called, which
/// fallbacks of last resort were used, and the attempt log. A stream that restarts after a mid-stream failure resumes
/// its walk from here, so both kinds of call share one walk.
/// </summary>
internal struct WalkCursor
{
    public WalkCursor(ChainPlan plan, int[] order)
    {
        Plan = plan;
        Order = order;
        Position = 0;
        Called = false;
        Forced = false;
        LastChanceTaken = false;
        Attempts = null;
        Calls = 0;
        Deferred = null;
    }

    /// <summary>The chain's plan when the call started: every decision of the call follows it, whatever reloads meanwhile.</summary>
    public ChainPlan Plan { get; }

    /// <summary>
    /// The provider positions the walk visits, in order: the chain's declared order, the sticky fallback first, or a
    /// <see cref="FailoverScope"/>'s subset. Shared arrays, never written.
    /// </summary>
    public int[] Order { get; }

    /// <summary>How many positions of the order (then of the deferred providers) the walk has visited.</summary>
    public int Position { get; set; }

    /// <summary>True once any provider received a request in this call.</summary>
    public bool Called { get; set; }

    /// <summary>True once every provider was cooling and the soonest one was called anyway.</summary>
    public bool Forced { get; set; }

    /// <summary>True once the last-chance probe was considered.</summary>
    public bool LastChanceTaken { get; set; }

    /// <summary>How many providers this call has sent a request to; the current one's attempt number.</summary>
    public int Calls { get; set; }

    /// <summary>Degraded providers put off until the healthy ones were tried; null while none was.</summary>
    public List<int>? Deferred { get; set; }

    /// <summary>The positions the first pass visits: every provider of the order, then the deferred ones.</summary>
    public int Length => Order.Length + (Deferred?.Count ?? 0);

    /// <summary>The providers passed over so far, in walk order; null while none was.</summary>
    public List<FailoverAttempt>? Attempts { get; set; }
}
