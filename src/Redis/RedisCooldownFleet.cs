using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace FailoverGen.Redis;

/// <summary>
/// Shares one chain's cooldowns with every instance of the app through Redis. A cooldown opened on one instance is
/// published at once and applied by the others on arrival; a key whose TTL is what is left of the cooldown lets an
/// instance that starts later, or comes back after an outage, read the cooldowns in force. When a cooldown ends, the
/// instances race for a lease and the winner alone sends the recovery probe; its outcome reaches the others.
/// </summary>
/// <remarks>
/// The chain never waits on Redis: it reads what this object keeps in memory, and reports go out through a bounded
/// queue. While Redis is unreachable each instance decides alone, as without a fleet; it logs once per outage, and
/// when Redis is back it sends the cooldowns it opened meanwhile and reads the others'. Lengths travel as relative
/// times and keys expire on Redis's own clock, so instances whose clocks disagree still agree on when a cooldown ends.
/// </remarks>
public sealed class RedisCooldownFleet : ICooldownFleet, IDisposable
{
    /// <summary>How long a call keeps skipping a provider while this instance finds out whether it won the probe.</summary>
    internal static readonly TimeSpan ClaimWait = TimeSpan.FromMilliseconds(100);

    // The scripts take their keys and arguments by position (no reflection over parameter objects, so Native AOT
    // works) and are loaded when the instance connects, so each report is one EVALSHA round trip.

    // KEYS: cooldown, probe lease. ARGV: JSON, milliseconds left, channel. Sets the cooldown key unless a longer one is
    // there, frees the probe lease for the next round, and publishes.
    private const string OpenScript =
        "local left = redis.call('PTTL', KEYS[1]) " +
        "if left < tonumber(ARGV[2]) then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end " +
        "redis.call('DEL', KEYS[2]) " +
        "redis.call('PUBLISH', ARGV[3], ARGV[1]) " +
        "return left";

    // KEYS: cooldown, probe lease. ARGV: JSON, channel.
    private const string RecoveredScript =
        "redis.call('DEL', KEYS[1], KEYS[2]) " +
        "redis.call('PUBLISH', ARGV[2], ARGV[1]) " +
        "return 1";

    // KEYS: probe lease. ARGV: this instance, lease in milliseconds. Takes the lease when it is free (or already this
    // instance's); returns whether this instance holds it and for how long it is held.
    private const string ClaimScript =
        "if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return {1, tonumber(ARGV[2])} end " +
        "local holder = redis.call('GET', KEYS[1]) " +
        "return {holder == ARGV[1] and 1 or 0, redis.call('PTTL', KEYS[1])}";

    private readonly RedisCooldownOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<Report> _reports;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<bool> _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _syncGate = new(1, 1);
    private readonly ConcurrentDictionary<string, bool> _recoveredAway = new(StringComparer.Ordinal);
    private Dictionary<string, ProbeLease> _leases = new(StringComparer.Ordinal);
    private ICooldownFleetMember? _member;
    private FleetKeys? _keys;
    private string _chain = string.Empty;
    private IConnectionMultiplexer? _connection;
    private ChannelMessageQueue? _subscription;
    private volatile bool _shared;
    private int _outage;
    private int _queueFullLogged;
    private int _disposed;

    /// <summary>Creates a fleet; it connects when the chain built with it attaches.</summary>
    /// <exception cref="ArgumentException">An option is missing or invalid; the message names it.</exception>
    public RedisCooldownFleet(RedisCooldownOptions options)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        options.Validate();
        _options = options;
        _time = options.TimeProvider;
        _logger = options.LoggerFactory?.CreateLogger<RedisCooldownFleet>() ?? (ILogger)NullLogger.Instance;
        _reports = Channel.CreateBounded<Report>(new BoundedChannelOptions(options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        }, _ => ReportDropped());
    }

    /// <summary>A name for this instance in Redis, unique per fleet object.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>True while Redis is reachable and this instance's cooldowns are shared.</summary>
    public bool IsShared => _shared && _connection is { IsConnected: true };

    /// <summary>
    /// Completes once this instance has connected and read the cooldowns already in force, for a readiness check or a
    /// test. Calls do not need it: until then the chain works on its own state.
    /// </summary>
    public Task WaitUntilSyncedAsync(CancellationToken cancellationToken = default) =>
        cancellationToken.CanBeCanceled ? _synced.Task.WaitAsync(cancellationToken) : _synced.Task;

    /// <inheritdoc />
    public void Attach(string chainName, IReadOnlyList<string> providers, ICooldownFleetMember member)
    {
        if (Interlocked.CompareExchange(ref _member, member ?? throw new ArgumentNullException(nameof(member)), null) is not null)
        {
            throw new InvalidOperationException($"This RedisCooldownFleet already serves the chain \"{_chain}\": create one fleet per chain.");
        }

        _chain = chainName ?? throw new ArgumentNullException(nameof(chainName));
        _keys = new FleetKeys(_options.KeyPrefix, chainName);
        _leases = (providers ?? throw new ArgumentNullException(nameof(providers))).Distinct(StringComparer.Ordinal).ToDictionary(p => p, _ => new ProbeLease(), StringComparer.Ordinal);
        _ = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <inheritdoc />
    public void CooldownOpened(FleetCooldown cooldown)
    {
        if (cooldown is not null && _leases.TryGetValue(cooldown.Provider, out ProbeLease? lease))
        {
            lease.Reset();
            _recoveredAway.TryRemove(cooldown.Provider, out _);
            _reports.Writer.TryWrite(new Report(cooldown.Provider, cooldown, _time.GetTimestamp()));
        }
    }

    /// <inheritdoc />
    public void Recovered(string provider)
    {
        if (provider is not null && _leases.TryGetValue(provider, out ProbeLease? lease))
        {
            lease.Reset();
            if (!IsShared)
            {
                // Told to the others when Redis is back, unless a new cooldown comes first.
                _recoveredAway[provider] = true;
            }

            _reports.Writer.TryWrite(new Report(provider, null, _time.GetTimestamp()));
        }
    }

    /// <inheritdoc />
    public bool TryClaimProbe(string provider, out TimeSpan wait)
    {
        wait = TimeSpan.Zero;
        if (!IsShared || provider is null || !_leases.TryGetValue(provider, out ProbeLease? lease))
        {
            // Without Redis each instance probes for itself, as a chain without a fleet does.
            return true;
        }

        long now = _time.GetTimestamp();
        int state = lease.State;
        if (state is ProbeLease.Mine or ProbeLease.Theirs && now < lease.Expires)
        {
            wait = state == ProbeLease.Mine ? TimeSpan.Zero : _time.GetElapsedTime(now, lease.Expires);
            return state == ProbeLease.Mine;
        }

        if (state != ProbeLease.Claiming && lease.TryStartClaim(state))
        {
            _ = ClaimAsync(provider, lease);
        }

        wait = ClaimWait;
        return false;
    }

    /// <summary>Stops sharing: the connection is closed if the fleet opened it, left open if the app passed it.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stop.Cancel();
        _reports.Writer.TryComplete();
        _shared = false;
        try
        {
            _subscription?.Unsubscribe(CommandFlags.FireAndForget);
        }
        catch (Exception)
        {
            // Already disconnected: nothing to unsubscribe from.
        }

        if (_options.Connection is null)
        {
            _connection?.Dispose();
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        try
        {
            IConnectionMultiplexer connection = _options.Connection ?? await ConnectAsync().ConfigureAwait(false);
            _connection = connection;
            connection.ConnectionFailed += (_, e) => OnConnectionFailed(e.FailureType + (e.Exception is null ? string.Empty : ": " + e.Exception.Message));
            connection.ConnectionRestored += (_, _) => _ = SyncAsync();
            if (connection.IsConnected)
            {
                await SyncAsync().ConfigureAwait(false);
            }
            else
            {
                OnConnectionFailed("not connected");
            }

            await foreach (Report report in _reports.Reader.ReadAllAsync(stop).ConfigureAwait(false))
            {
                if (IsShared)
                {
                    await SendAsync(report).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException) when (Volatile.Read(ref _disposed) != 0)
        {
        }
    }

    private async Task<IConnectionMultiplexer> ConnectAsync()
    {
        ConfigurationOptions configuration = ConfigurationOptions.Parse(_options.Configuration!);

        // Reachable or not, the connection is returned and keeps reconnecting; commands sent while it is down fail at
        // once instead of queueing, so nothing stale is replayed later (a re-sync replaces it).
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        return await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
    }

    /// <summary>On connecting and after each outage: subscribe once, send this instance's cooldowns, read the others'.</summary>
    private async Task SyncAsync()
    {
        if (_connection is not { IsConnected: true } connection || Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        await _syncGate.WaitAsync().ConfigureAwait(false);
        try
        {
            FleetKeys keys = _keys!;
            if (_subscription is null)
            {
                // Subscribed once: the connection subscribes again by itself after each outage.
                _subscription = await connection.GetSubscriber().SubscribeAsync(keys.Events).ConfigureAwait(false);
                _subscription.OnMessage(Receive);
            }

            IDatabase database = connection.GetDatabase();
            await PrepareAsync(connection).ConfigureAwait(false);
            int sent = 0;
            foreach (FleetCooldown cooldown in _member!.ActiveCooldowns())
            {
                await PublishOpenAsync(database, cooldown, cooldown.Remaining).ConfigureAwait(false);
                sent++;
            }

            foreach (string provider in _recoveredAway.Keys.ToArray())
            {
                if (_recoveredAway.TryRemove(provider, out _))
                {
                    await PublishRecoveredAsync(database, provider).ConfigureAwait(false);
                    sent++;
                }
            }

            int received = 0;
            foreach (string provider in _leases.Keys)
            {
                RedisKey key = keys.Cooldown(provider);
                Task<RedisValue> value = database.StringGetAsync(key);
                Task<TimeSpan?> left = database.KeyTimeToLiveAsync(key);
                if (await left.ConfigureAwait(false) is TimeSpan remaining && remaining > TimeSpan.Zero
                    && (await value.ConfigureAwait(false)) is { HasValue: true } json
                    && FleetMessage.Parse((byte[])json!) is { Kind: FleetMessage.Open } message)
                {
                    _member.OpenCooldown(message.ToCooldown((long)remaining.TotalMilliseconds));
                    received++;
                }
            }

            _shared = true;
            if (Interlocked.Exchange(ref _outage, 0) != 0 || !_synced.Task.IsCompleted)
            {
                RedisFleetLog.Synced(_logger, _chain, Endpoints(), sent, received);
            }

            _synced.TrySetResult(true);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            OnConnectionFailed(ex.Message);
        }
        finally
        {
            _syncGate.Release();
        }
    }

    /// <summary>
    /// Loads the scripts into Redis and runs the message code once, so the first cooldown this instance reports or
    /// receives does not also pay for a script upload and a first compilation: that one matters most.
    /// </summary>
    private static async Task PrepareAsync(IConnectionMultiplexer connection)
    {
        foreach (IServer server in connection.GetServers())
        {
            if (server.IsConnected && !server.IsReplica)
            {
                await server.ScriptLoadAsync(OpenScript).ConfigureAwait(false);
                await server.ScriptLoadAsync(RecoveredScript).ConfigureAwait(false);
                await server.ScriptLoadAsync(ClaimScript).ConfigureAwait(false);
            }
        }

        FleetMessage.Parse(new FleetMessage(FleetMessage.Open, string.Empty, string.Empty, 1).ToJson());
    }

    private void Receive(ChannelMessage delivery)
    {
        try
        {
            if (FleetMessage.Parse((byte[])delivery.Message!) is not { } message
                || message.Sender == InstanceId
                || !_leases.TryGetValue(message.Provider, out ProbeLease? lease))
            {
                return;
            }

            lease.Reset();
            if (message.Kind == FleetMessage.Open)
            {
                _recoveredAway.TryRemove(message.Provider, out _);
                _member!.OpenCooldown(message.ToCooldown(message.RemainingMilliseconds));
            }
            else
            {
                _member!.Recover(message.Provider);
            }
        }
        catch (Exception)
        {
            // News that cannot be applied is dropped: it must not stop the subscription.
        }
    }

    private async Task SendAsync(Report report)
    {
        try
        {
            IDatabase database = _connection!.GetDatabase();
            if (report.Cooldown is { } cooldown)
            {
                // What is left once the report leaves the queue, not when it was made.
                TimeSpan remaining = cooldown.Remaining - _time.GetElapsedTime(report.Timestamp);
                if (remaining > TimeSpan.Zero)
                {
                    await PublishOpenAsync(database, cooldown, remaining).ConfigureAwait(false);
                }
            }
            else
            {
                await PublishRecoveredAsync(database, report.Provider).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            RedisFleetLog.WriteFailed(_logger, _chain, report.Provider, ex);
            if (report.Cooldown is null)
            {
                _recoveredAway[report.Provider] = true;
            }

            OnConnectionFailed(ex.Message);
        }
    }

    private Task PublishOpenAsync(IDatabase database, FleetCooldown cooldown, TimeSpan remaining)
    {
        long ms = Math.Max(1, (long)Math.Ceiling(remaining.TotalMilliseconds));
        byte[] json = new FleetMessage(FleetMessage.Open, InstanceId, cooldown.Provider, ms, cooldown.Reason, cooldown.Group, cooldown.Evidence).ToJson();
        return database.ScriptEvaluateAsync(
            OpenScript,
            new[] { _keys!.Cooldown(cooldown.Provider), _keys.Probe(cooldown.Provider) },
            new RedisValue[] { json, ms, _keys.EventsName });
    }

    private Task PublishRecoveredAsync(IDatabase database, string provider)
    {
        byte[] json = new FleetMessage(FleetMessage.Recovered, InstanceId, provider).ToJson();
        return database.ScriptEvaluateAsync(
            RecoveredScript,
            new[] { _keys!.Cooldown(provider), _keys.Probe(provider) },
            new RedisValue[] { json, _keys.EventsName });
    }

    private async Task ClaimAsync(string provider, ProbeLease lease)
    {
        try
        {
            long ms = (long)_options.ProbeLease.TotalMilliseconds;
            RedisResult result = await _connection!.GetDatabase().ScriptEvaluateAsync(
                ClaimScript,
                new[] { _keys!.Probe(provider) },
                new RedisValue[] { InstanceId, ms }).ConfigureAwait(false);
            var reply = (RedisResult[])result!;
            long held = (long)reply[1];
            long now = _time.GetTimestamp();
            lease.Set(
                (long)reply[0] == 1 ? ProbeLease.Mine : held > 0 ? ProbeLease.Theirs : ProbeLease.Free,
                now + (long)(Math.Max(0, held) / 1000.0 * _time.TimestampFrequency));
        }
        catch (Exception)
        {
            // Redis did not answer: this instance probes for itself rather than leave the provider untried.
            lease.Set(ProbeLease.Mine, _time.GetTimestamp() + (long)(_options.ProbeLease.TotalSeconds * _time.TimestampFrequency));
        }
    }

    private void OnConnectionFailed(string problem)
    {
        _shared = false;
        if (Interlocked.Exchange(ref _outage, 1) == 0 && Volatile.Read(ref _disposed) == 0)
        {
            RedisFleetLog.Unreachable(_logger, _chain, Endpoints(), problem);
        }
    }

    private void ReportDropped()
    {
        if (Interlocked.Exchange(ref _queueFullLogged, 1) == 0)
        {
            RedisFleetLog.QueueFull(_logger, _chain, _options.QueueCapacity);
        }
    }

    private string Endpoints() =>
        _options.Connection is { } connection
            ? string.Join(",", connection.GetEndPoints().Select(e => e.ToString()))
            : string.Join(",", ConfigurationOptions.Parse(_options.Configuration!).EndPoints.Select(e => e.ToString()));

    /// <summary>A cooldown (or, without one, a recovery) waiting to go to Redis, with when it was made.</summary>
    private readonly record struct Report(string Provider, FleetCooldown? Cooldown, long Timestamp);
}
