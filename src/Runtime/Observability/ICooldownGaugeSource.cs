using System.Collections.Generic;
using System.Diagnostics.Metrics;

namespace FailoverGen;

/// <summary>A chain as the active-cooldowns gauge sees it.</summary>
internal interface ICooldownGaugeSource
{
    /// <summary>Adds one measurement per provider: 1 while it cools down or is probed, else 0.</summary>
    void Observe(List<Measurement<int>> into);
}
