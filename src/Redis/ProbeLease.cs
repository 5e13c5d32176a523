using System.Threading;

namespace FailoverGen.Redis;

/// <summary>
/// What this instance knows about one provider's recovery probe lease, read by the chain without waiting: free, being
/// claimed, held here, or held by another instance, each until a time on the fleet's clock.
/// </summary>
internal sealed class ProbeLease
{
    public const int Free = 0;
    public const int Claiming = 1;
    public const int Mine = 2;
    public const int Theirs = 3;

    private int _state;
    private long _expires;

    public int State => Volatile.Read(ref _state);

    /// <summary>When the lease ends, as a <see cref="System.TimeProvider.GetTimestamp"/> value.</summary>
    public long Expires => Volatile.Read(ref _expires);

    /// <summary>Moves from <paramref name="from"/> to claiming; false when another call got there first.</summary>
    public bool TryStartClaim(int from) => Interlocked.CompareExchange(ref _state, Claiming, from) == from;

    public void Set(int state, long expires)
    {
        Volatile.Write(ref _expires, expires);
        Volatile.Write(ref _state, state);
    }

    /// <summary>Forgets the lease: a new cooldown or a recovery starts the next round afresh.</summary>
    public void Reset()
    {
        if (State != Claiming)
        {
            Set(Free, 0);
        }
    }
}
