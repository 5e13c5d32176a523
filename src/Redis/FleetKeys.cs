using StackExchange.Redis;

namespace FailoverGen.Redis;

/// <summary>
/// The names one chain uses in Redis: <c>{prefix}:{chain}:cooldown:{provider}</c> holds a cooldown with a TTL equal to
/// what is left of it, <c>{prefix}:{chain}:probe:{provider}</c> the recovery probe's lease, and
/// <c>{prefix}:{chain}:events</c> is the channel the news goes out on.
/// </summary>
internal sealed class FleetKeys
{
    private readonly string _root;

    public FleetKeys(string prefix, string chain)
    {
        _root = prefix + ":" + chain + ":";
        EventsName = _root + "events";
        Events = RedisChannel.Literal(EventsName);
    }

    public RedisChannel Events { get; }

    /// <summary>The channel's name, for the scripts that publish on it.</summary>
    public string EventsName { get; }

    public RedisKey Cooldown(string provider) => _root + "cooldown:" + provider;

    public RedisKey Probe(string provider) => _root + "probe:" + provider;
}
