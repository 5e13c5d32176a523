using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Collections.ObjectModel;
using System.Threading;
using System.Threading.Tasks;
using Polly;

namespace FailoverGen;

/// <summary>
/// An ordered chain of <typeparamref name="TProvider"/> implementations and the engine that walks it:
/// each call starts at the primary, skips providers that are cooling down, retries transient failures on the
/// same provider, moves on for fallback-eligible failures, rethrows everything else unchanged, and ends in a
/// <see cref="FallbackChainExhaustedException"/> naming every provider when none succeeds.
/// Generated wrappers call the Execute methods; they are public so hand-written code can too, but hidden from completion lists.
/// One chain serves any number of concurrent calls.
/// </summary>
public sealed partial class FallbackChain<TProvider>
    where TProvider : class
{
    private readonly ChainEntry<TProvider>[] _entries;
    private readonly FallbackChainOptions _options;
    private readonly ChainClassifier _classifier;
    private readonly ICooldownStore _store;
    private readonly IFailoverTelemetry _telemetry;
    private readonly ProviderHealthTracker[] _health;
    private readonly LatencySampler[] _samplers;
    private readonly ProviderLabels[] _labels;
    private readonly TimeProvider _time;
    private readonly string _name;
    private readonly string _callSpanName;
    private readonly string?[] _codeGroups;
    private readonly ResiliencePipeline?[] _ownPipelines;
    private ChainPlan _plan;
    private int _disposed;

    internal FallbackChain(IReadOnlyList<ProviderRegistration<TProvider>> providers, FallbackChainOptions options)
    {
        _options = options;
        _time = options.TimeProvider;
        _name = options.Name ?? typeof(TProvider).Name;
        _callSpanName = "failover " + _name;
        _classifier = new ChainClassifier(options.SnapshotClassifiers(), options.UnknownErrors);
        var names = new string[providers.Count];
        _codeGroups = new string?[providers.Count];
        _ownPipelines = new ResiliencePipeline?[providers.Count];
        _entries = new ChainEntry<TProvider>[providers.Count];
        _labels = new ProviderLabels[providers.Count];
        _health = new ProviderHealthTracker[providers.Count];
        _samplers = new LatencySampler[providers.Count];
        for (int i = 0; i < providers.Count; i++)
        {
            names[i] = providers[i].Name;
            _codeGroups[i] = providers[i].Group;
            _ownPipelines[i] = providers[i].Pipeline;
            _entries[i] = new ChainEntry<TProvider>(names[i], providers[i].Provider);
            _labels[i] = new ProviderLabels(_name, names[i]);
            _health[i] = new ProviderHealthTracker(options.Health.Window);
            _samplers[i] = new LatencySampler(_time);
        }

        ProviderNames = new ReadOnlyCollection<string>(names);
        FailoverMetrics metrics = FailoverMetrics.For(options.MeterFactory);
        _telemetry = options.Telemetry ?? new ChainTelemetry(_name, _labels, options, metrics);
        metrics.Register(this);
        ChainLayout layout = ChainLayout.FromCode(options, _codeGroups);
        var store = new InProcessCooldownStore(layout.Groups, options.Cooldowns, _telemetry, ProviderNames, _time, options.CooldownFleet);
        _store = store;
        _plan = CreatePlan(layout, previous: null);
        store.JoinFleet(_name);
    }

    /// <summary>The provider names as registered, primary first; configuration may reorder or disable them.</summary>
    public IReadOnlyList<string> ProviderNames { get; }

    /// <summary>
    /// The primary provider: the first of the configured order, or the first added. Members marked
    /// <see cref="NoFailoverAttribute"/> go straight to it.
    /// </summary>
    public TProvider Primary => _entries[Volatile.Read(ref _plan).Order[0]].Provider;

    /// <summary>Runs a <see cref="Task{TResult}"/>-returning member through the chain.</summary>
    /// <param name="state">The call's arguments, passed to <paramref name="operation"/> so it needs no closure.</param>
    /// <param name="operation">Calls one provider; receives the token to pass on.</param>
    /// <param name="policy">Which failures move to the next provider.</param>
    /// <param name="cancellationToken">The caller's token: its cancellation is rethrown at once, never failed over.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public Task<TResult> ExecuteAsync<TState, TResult>(
        TState state,
        Func<TProvider, TState, CancellationToken, Task<TResult>> operation,
        FailoverPolicy policy,
        CancellationToken cancellationToken = default)
    {
        ThrowIfNull(operation, policy);
        if (TryDirect(cancellationToken, out ChainPlan plan, out int index, out long generation))
        {
            long started = DirectStarted(index);
            Task<TResult> request;
            try
            {
                request = operation(_entries[index].Provider, state, cancellationToken);
            }
            catch (Exception ex)
            {
                request = Task.FromException<TResult>(ex);
            }

            if (request.Status == TaskStatus.RanToCompletion)
            {
                // The provider's own task, returned as it is: nothing allocated for the member's return value.
                DirectSucceeded(index, started, generation);
                return request;
            }

            return ContinueDirectAsync(new ValueTask<TResult>(request), plan, index, generation, started, (operation, state), FromTask<TState, TResult>.Operation, policy, cancellationToken).AsTask();
        }

        return RunAsync((operation, state), FromTask<TState, TResult>.Operation, policy, cancellationToken).AsTask();
    }

    /// <summary>Runs a <see cref="Task"/>-returning member through the chain.</summary>
    /// <inheritdoc cref="ExecuteAsync{TState, TResult}" path="/param"/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public Task ExecuteVoidAsync<TState>(
        TState state,
        Func<TProvider, TState, CancellationToken, Task> operation,
        FailoverPolicy policy,
        CancellationToken cancellationToken = default)
    {
        ThrowIfNull(operation, policy);
        if (TryDirect(cancellationToken, out ChainPlan plan, out int index, out long generation))
        {
            long started = DirectStarted(index);
            Task request;
            try
            {
                request = operation(_entries[index].Provider, state, cancellationToken);
            }
            catch (Exception ex)
            {
                request = Task.FromException(ex);
            }

            if (request.Status == TaskStatus.RanToCompletion)
            {
                DirectSucceeded(index, started, generation);
                return request;
            }

            return ContinueDirectAsync(VoidResult.After(request), plan, index, generation, started, (operation, state), FromVoidTask<TState>.Operation, policy, cancellationToken).AsTask();
        }

        return RunAsync((operation, state), FromVoidTask<TState>.Operation, policy, cancellationToken).AsTask();
    }

    /// <summary>Runs a <see cref="ValueTask{TResult}"/>-returning member through the chain.</summary>
    /// <inheritdoc cref="ExecuteAsync{TState, TResult}" path="/param"/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ValueTask<TResult> ExecuteValueTaskAsync<TState, TResult>(
        TState state,
        Func<TProvider, TState, CancellationToken, ValueTask<TResult>> operation,
        FailoverPolicy policy,
        CancellationToken cancellationToken = default)
    {
        ThrowIfNull(operation, policy);
        if (TryDirect(cancellationToken, out ChainPlan plan, out int index, out long generation))
        {
            long started = DirectStarted(index);
            ValueTask<TResult> request = ProviderRequest.Start(operation, _entries[index].Provider, state, cancellationToken);
            if (request.IsCompletedSuccessfully)
            {
                DirectSucceeded(index, started, generation);
                return request;
            }

            return ContinueDirectAsync(request, plan, index, generation, started, state, operation, policy, cancellationToken);
        }

        return RunAsync(state, operation, policy, cancellationToken);
    }

    /// <summary>Runs a <see cref="ValueTask"/>-returning member through the chain.</summary>
    /// <inheritdoc cref="ExecuteAsync{TState, TResult}" path="/param"/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ValueTask ExecuteVoidValueTaskAsync<TState>(
        TState state,
        Func<TProvider, TState, CancellationToken, ValueTask> operation,
        FailoverPolicy policy,
        CancellationToken cancellationToken = default)
    {
        ThrowIfNull(operation, policy);
        if (TryDirect(cancellationToken, out ChainPlan plan, out int index, out long generation))
        {
            long started = DirectStarted(index);
            ValueTask request;
            try
            {
                request = operation(_entries[index].Provider, state, cancellationToken);
            }
            catch (Exception ex)
            {
                request = new ValueTask(Task.FromException(ex));
            }

            if (request.IsCompletedSuccessfully)
            {
                DirectSucceeded(index, started, generation);
                return request;
            }

            return Discard(ContinueDirectAsync(VoidResult.After(request), plan, index, generation, started, (operation, state), FromVoidValueTask<TState>.Operation, policy, cancellationToken));
        }

        return Discard(RunAsync((operation, state), FromVoidValueTask<TState>.Operation, policy, cancellationToken));
    }

    /// <summary>Runs a synchronous member through the chain. Blocks only while waiting out a retry backoff.</summary>
    /// <inheritdoc cref="ExecuteAsync{TState, TResult}" path="/param"/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public TResult Execute<TState, TResult>(
        TState state,
        Func<TProvider, TState, CancellationToken, TResult> operation,
        FailoverPolicy policy,
        CancellationToken cancellationToken = default)
    {
        ThrowIfNull(operation, policy);
        return Wait(RunSync((operation, state), FromSync<TState, TResult>.Operation, policy, cancellationToken));
    }

    /// <summary>Runs a synchronous <see langword="void"/> member through the chain.</summary>
    /// <inheritdoc cref="ExecuteAsync{TState, TResult}" path="/param"/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void ExecuteVoid<TState>(
        TState state,
        Action<TProvider, TState, CancellationToken> operation,
        FailoverPolicy policy,
        CancellationToken cancellationToken = default)
    {
        ThrowIfNull(operation, policy);
        Wait(RunSync((operation, state), FromSyncVoid<TState>.Operation, policy, cancellationToken));
    }

    /// <summary>
    /// Applies <paramref name="action"/> to every provider, primary first, even when one of them throws. Generated
    /// wrappers use it for property setters, event subscriptions and <c>Dispose</c>, so whichever provider serves a
    /// later call is configured the same and none is left undisposed.
    /// </summary>
    /// <exception cref="AggregateException">One or more providers threw; each exception is inside.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void ForEachProvider<TState>(TState state, Action<TProvider, TState> action)
    {
        if (action is null)
        {
            throw new ArgumentNullException(nameof(action));
        }

        List<Exception>? errors = null;
        foreach (ChainEntry<TProvider> entry in _entries)
        {
            try
            {
                action(entry.Provider, state);
            }
            catch (Exception ex)
            {
                (errors ??= new List<Exception>()).Add(ex);
            }
        }

        if (errors is not null)
        {
            throw new AggregateException(errors);
        }
    }

    /// <summary>The asynchronous form of <see cref="ForEachProvider{TState}"/>, used for <c>DisposeAsync</c>.</summary>
    /// <exception cref="AggregateException">One or more providers threw; each exception is inside.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public async ValueTask ForEachProviderAsync<TState>(TState state, Func<TProvider, TState, ValueTask> action)
    {
        if (action is null)
        {
            throw new ArgumentNullException(nameof(action));
        }

        List<Exception>? errors = null;
        foreach (ChainEntry<TProvider> entry in _entries)
        {
            try
            {
                await action(entry.Provider, state).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                (errors ??= new List<Exception>()).Add(ex);
            }
        }

        if (errors is not null)
        {
            throw new AggregateException(errors);
        }
    }

    /// <summary>
    /// Disposes every provider that is <see cref="IDisposable"/>, primary first, once: later calls, from any thread and
    /// through either dispose method, do nothing, as with the BCL's own types. Generated wrappers call it from
    /// <c>Dispose</c>.
    /// </summary>
    /// <exception cref="AggregateException">One or more providers threw; each exception is inside.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void DisposeProviders()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            ForEachProvider(0, static (provider, _) => (provider as IDisposable)?.Dispose());
        }
    }

    /// <summary>
    /// Disposes every provider once, asynchronously where it is <see cref="IAsyncDisposable"/>, otherwise through
    /// <see cref="IDisposable"/>. Shares its once-only guard with <see cref="DisposeProviders"/>.
    /// </summary>
    /// <exception cref="AggregateException">One or more providers threw; each exception is inside.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ValueTask DisposeProvidersAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return default;
        }

        return ForEachProviderAsync(0, static (provider, _) =>
        {
            if (provider is IAsyncDisposable asyncDisposable)
            {
                return asyncDisposable.DisposeAsync();
            }

            (provider as IDisposable)?.Dispose();
            return default;
        });
    }

    /// <summary>A synchronous member: straight to the primary when it may, through the walk otherwise.</summary>
    private ValueTask<TResult> RunSync<TState, TResult>(
        TState state,
        Func<TProvider, TState, CancellationToken, ValueTask<TResult>> operation,
        FailoverPolicy policy,
        CancellationToken cancellationToken)
    {
        if (!TryDirect(cancellationToken, out ChainPlan plan, out int index, out long generation))
        {
            return RunAsync(state, operation, policy, cancellationToken);
        }

        long started = DirectStarted(index);
        ValueTask<TResult> request = ProviderRequest.Start(operation, _entries[index].Provider, state, cancellationToken);
        if (request.IsCompletedSuccessfully)
        {
            DirectSucceeded(index, started, generation);
            return request;
        }

        return ContinueDirectAsync(request, plan, index, generation, started, state, operation, policy, cancellationToken);
    }

    private static ValueTask Discard(ValueTask<VoidResult> pending) =>
        pending.IsCompletedSuccessfully ? default : new ValueTask(pending.AsTask());

    private static TResult Wait<TResult>(ValueTask<TResult> pending) =>
        pending.IsCompleted ? pending.GetAwaiter().GetResult() : pending.AsTask().GetAwaiter().GetResult();

    private static void ThrowIfNull(object operation, FailoverPolicy policy)
    {
        if (operation is null)
        {
            throw new ArgumentNullException(nameof(operation));
        }

        if (policy is null)
        {
            throw new ArgumentNullException(nameof(policy), "Pass FailoverPolicy.Default or a policy built from [FailoverOn] values.");
        }
    }
}
