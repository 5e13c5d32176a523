using System;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace FailoverGen.Redis;

/// <summary>Where and how a <see cref="RedisCooldownFleet"/> shares a chain's cooldowns.</summary>
public sealed class RedisCooldownOptions
{
    /// <summary>
    /// A StackExchange.Redis configuration string (<c>"localhost:6379"</c>, <c>"redis1:6379,password=…,ssl=true"</c>).
    /// The fleet connects in the background and keeps reconnecting; ignored when <see cref="Connection"/> is set.
    /// </summary>
    public string? Configuration { get; set; }

    /// <summary>A connection the app already has. The fleet uses it and leaves it open when disposed.</summary>
    public IConnectionMultiplexer? Connection { get; set; }

    /// <summary>The start of every key and channel name, before the chain's name. Default <c>failovergen</c>.</summary>
    public string KeyPrefix { get; set; } = "failovergen";

    /// <summary>
    /// How long the instance that won a provider's recovery probe holds it before another may take it, should the
    /// winner send nothing (it stopped, or it has no traffic). Default 30 seconds.
    /// </summary>
    public TimeSpan ProbeLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many cooldown reports may wait for Redis; when Redis is slower than the reports come, the oldest are dropped
    /// (each instance still learns for itself). Default 1,024.
    /// </summary>
    public int QueueCapacity { get; set; } = 1024;

    /// <summary>The fleet's clock, for the probe leases it holds. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where the fleet logs outages and re-syncs (event ids 1101–1104); none by default.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Throws an exception that names the setting to fix.</summary>
    internal void Validate()
    {
        if (Connection is null && string.IsNullOrWhiteSpace(Configuration))
        {
            throw new ArgumentException(
                "RedisCooldownOptions needs Configuration (a StackExchange.Redis configuration string such as \"localhost:6379\") or Connection (an IConnectionMultiplexer).",
                nameof(Configuration));
        }

        if (Connection is null)
        {
            try
            {
                ConfigurationOptions.Parse(Configuration!);
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException($"RedisCooldownOptions.Configuration \"{Configuration}\" is not a valid StackExchange.Redis configuration string: {ex.Message}", nameof(Configuration), ex);
            }
        }

        if (string.IsNullOrWhiteSpace(KeyPrefix))
        {
            throw new ArgumentException("RedisCooldownOptions.KeyPrefix is empty: leave the default (\"failovergen\") or name the app.", nameof(KeyPrefix));
        }

        if (ProbeLease < TimeSpan.FromMilliseconds(100) || ProbeLease > TimeSpan.FromHours(1))
        {
            throw new ArgumentOutOfRangeException(nameof(ProbeLease), ProbeLease, "RedisCooldownOptions.ProbeLease must be between 100 ms and 1 hour: long enough for one probe call, short enough that a stopped instance does not hold it for long.");
        }

        if (QueueCapacity < 1 || QueueCapacity > 1_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(QueueCapacity), QueueCapacity, "RedisCooldownOptions.QueueCapacity must be between 1 and 1,000,000.");
        }

        if (TimeProvider is null)
        {
            throw new ArgumentNullException(nameof(TimeProvider), "RedisCooldownOptions.TimeProvider is null: use TimeProvider.System or a test clock.");
        }
    }
}
