using System;
using StackExchange.Redis;

namespace FailoverGen.Redis;

/// <summary>Shares a chain's cooldowns through Redis.</summary>
public static class RedisCooldownFleetExtensions
{
    /// <summary>
    /// Shares the chain's cooldowns with every instance of the app that builds a chain of the same name (
    /// <see cref="FallbackChainOptions.Name"/>) against the same Redis. The fleet connects in the background and lives
    /// as long as the process; create a <see cref="RedisCooldownFleet"/> and pass it to
    /// <see cref="FallbackChainBuilder{TProvider}.ShareCooldowns"/> to dispose it yourself.
    /// </summary>
    /// <param name="builder">The chain's builder.</param>
    /// <param name="configuration">A StackExchange.Redis configuration string, such as <c>"localhost:6379"</c>.</param>
    /// <param name="configure">Sets the other options (key prefix, probe lease, logging).</param>
    /// <exception cref="ArgumentException">The configuration string or an option is invalid; the message names it.</exception>
    public static FallbackChainBuilder<TProvider> UseRedisCooldowns<TProvider>(
        this FallbackChainBuilder<TProvider> builder,
        string configuration,
        Action<RedisCooldownOptions>? configure)
        where TProvider : class
    {
        var options = new RedisCooldownOptions { Configuration = configuration };
        configure?.Invoke(options);
        return Share(builder, options);
    }

    /// <summary>As <see cref="UseRedisCooldowns{TProvider}(FallbackChainBuilder{TProvider}, string, Action{RedisCooldownOptions})"/>, over a connection the app already has.</summary>
    /// <param name="builder">The chain's builder.</param>
    /// <param name="connection">The app's connection; the fleet never closes it.</param>
    /// <param name="configure">Sets the other options (key prefix, probe lease, logging).</param>
    public static FallbackChainBuilder<TProvider> UseRedisCooldowns<TProvider>(
        this FallbackChainBuilder<TProvider> builder,
        IConnectionMultiplexer connection,
        Action<RedisCooldownOptions>? configure)
        where TProvider : class
    {
        var options = new RedisCooldownOptions { Connection = connection ?? throw new ArgumentNullException(nameof(connection)) };
        configure?.Invoke(options);
        return Share(builder, options);
    }

    /// <summary>Shares the chain's cooldowns through the Redis at <paramref name="configuration"/>, with the default options.</summary>
    /// <param name="builder">The chain's builder.</param>
    /// <param name="configuration">A StackExchange.Redis configuration string, such as <c>"localhost:6379"</c>.</param>
    public static FallbackChainBuilder<TProvider> UseRedisCooldowns<TProvider>(this FallbackChainBuilder<TProvider> builder, string configuration)
        where TProvider : class =>
        UseRedisCooldowns(builder, configuration, configure: null);

    /// <summary>Shares the chain's cooldowns over a connection the app already has, with the default options.</summary>
    /// <param name="builder">The chain's builder.</param>
    /// <param name="connection">The app's connection; the fleet never closes it.</param>
    public static FallbackChainBuilder<TProvider> UseRedisCooldowns<TProvider>(this FallbackChainBuilder<TProvider> builder, IConnectionMultiplexer connection)
        where TProvider : class =>
        UseRedisCooldowns(builder, connection, configure: null);

    private static FallbackChainBuilder<TProvider> Share<TProvider>(FallbackChainBuilder<TProvider> builder, RedisCooldownOptions options)
        where TProvider : class
    {
        if (builder is null)
        {
            throw new ArgumentNullException(nameof(builder));
        }

        return builder.ShareCooldowns(new RedisCooldownFleet(options));
    }
}
