using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;

namespace FailoverGen;

/// <summary>
/// An ordered chain of <typeparamref name="TProvider"/> implementations and the engine that walks it:
/// each call starts at the primary, skips providers that are cooling down, retries transient failures on the
/// same provider, moves on for fallback-eligible failures, rethrows everything else unchanged, and ends in a
/// <see cref="FallbackChainExhaustedException"/> naming every provider when none succeeds.
/// Generated wrappers call the Execute methods; they are public so hand-written code can too.
/// One chain serves any number of concurrent calls.
/// </summary>
public sealed partial class FallbackChain<TProvider>
    where TProvider : class
{
    private static readonly ResiliencePropertyKey<FailoverPolicy> PolicyKey = new("FailoverGen.Policy");
    private static readonly ResiliencePropertyKey<int> RequestsKey = new("FailoverGen.Requests");
    private static readonly ResiliencePropertyKey<TimeSpan?> HintedDelayKey = new("FailoverGen.HintedDelay");

    private readonly ChainEntry<TProvider>[] _entries;
    private readonly FallbackChainOptions _options;
    private readonly ChainClassifier _classifier;
    private readonly StickySelection? _sticky;
    private readonly ResiliencePipeline? _deadline;
    private readonly TimeProvider _time;

    internal FallbackChain(IReadOnlyList<ProviderRegistration<TProvider>> providers, FallbackChainOptions options)
    {
        _options = options;
        _time = options.TimeProvider;
        _classifier = new ChainClassifier(options.SnapshotClassifiers());
        _sticky = options.StickyDuration is TimeSpan sticky ? new StickySelection(sticky) : null;
        _deadline = options.CallTimeout is TimeSpan limit
            ? new ResiliencePipelineBuilder { TimeProvider = _time }.AddTimeout(limit).Build()
            : null;
        _entries = new ChainEntry<TProvider>[providers.Count];
        var names = new string[providers.Count];
        for (int i = 0; i < providers.Count; i++)
        {
            names[i] = providers[i].Name;
            _entries[i] = new ChainEntry<TProvider>(
                providers[i].Name,
                providers[i].Provider,
                providers[i].Pipeline ?? CreatePipeline(i, withAttemptTimeout: true),
                providers[i].Pipeline is null ? CreatePipeline(i, withAttemptTimeout: false) : ResiliencePipeline.Empty);
        }

        ProviderNames = new ReadOnlyCollection<string>(names);
    }

    /// <summary>The provider names, primary first.</summary>
    public IReadOnlyList<string> ProviderNames { get; }

    /// <summary>The primary provider; members marked <see cref="NoFailoverAttribute"/> go straight to it.</summary>
    public TProvider Primary => _entries[0].Provider;

    /// <summary>Runs a <see cref="Task{TResult}"/>-returning member through the chain.</summary>
    /// <param name="state">The call's arguments, passed to <paramref name="operation"/> so it needs no closure.</param>
    /// <param name="operation">Calls one provider; receives the token to pass on.</param>
    /// <param name="policy">Which failures move to the next provider.</param>
    /// <param name="cancellationToken">The caller's token: its cancellation is rethrown at once, never failed over.</param>
    public Task<TResult> ExecuteAsync<TState, TResult>(
        TState state,
        Func<TProvider, TState, CancellationToken, Task<TResult>> operation,
        FailoverPolicy policy,
        CancellationToken cancellationToken = default)
    {
        ThrowIfNull(operation, policy);
        return RunAsync(
            (operation, state),
            static (provider, s, token) => new ValueTask<TResult>(s.operation(provider, s.state, token)),
            policy,
            cancellationToken).AsTask();
    }

    /// <summary>Runs a <see cref="Task"/>-returning member through the chain.</summary>
    /// <inheritdoc cref="ExecuteAsync{TState, TResult}" path="/param"/>
    public Task ExecuteVoidAsync<TState>(
        TState state,
        Func<TProvider, TState, CancellationToken, Task> operation,
        FailoverPolicy policy,
        CancellationToken cancellationToken = default)
    {
        ThrowIfNull(operation, policy);
        return RunAsync(
            (operation, state),
            static async (provider, s, token) =>
            {
                await s.operation(provider, s.state, token).ConfigureAwait(false);
                return default(VoidResult);
            },
            policy,
            cancellationToken).AsTask();
    }

    /// <summary>Runs a <see cref="ValueTask{TResult}"/>-returning member through the chain.</summary>
    /// <inheritdoc cref="ExecuteAsync{TState, TResult}" path="/param"/>
    public ValueTask<TResult> ExecuteValueTaskAsync<TState, TResult>(
        TState state,
        Func<TProvider, TState, CancellationToken, ValueTask<TResult>> operation,
        FailoverPolicy policy,
        CancellationToken cancellationToken = default)
    {
        ThrowIfNull(operation, policy);
        return RunAsync(state, operation, policy, cancellationToken);
    }

    /// <summary>Runs a <see cref="ValueTask"/>-returning member through the chain.</summary>
    /// <inheritdoc cref="ExecuteAsync{TState, TResult}" path="/param"/>
    public async ValueTask ExecuteVoidValueTaskAsync<TState>(
        TState state,
        Func<TProvider, TState, CancellationToken, ValueTask> operation,
        FailoverPolicy policy,
        CancellationToken cancellationToken = default)
    {
        ThrowIfNull(operation, policy);
        await RunAsync(
            (operation, state),
            static async (provider, s, token) =>
            {
                await s.operation(provider, s.state, token).ConfigureAwait(false);
                return default(VoidResult);
            },
            policy,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a synchronous member through the chain. Blocks only while waiting out a retry backoff.</summary>
    /// <inheritdoc cref="ExecuteAsync{TState, TResult}" path="/param"/>
    public TResult Execute<TState, TResult>(
        TState state,
        Func<TProvider, TState, CancellationToken, TResult> operation,
        FailoverPolicy policy,
        CancellationToken cancellationToken = default)
    {
        ThrowIfNull(operation, policy);
        return Wait(RunAsync(
            (operation, state),
            static (provider, s, token) => new ValueTask<TResult>(s.operation(provider, s.state, token)),
            policy,
            cancellationToken));
    }

    /// <summary>Runs a synchronous <see langword="void"/> member through the chain.</summary>
    /// <inheritdoc cref="ExecuteAsync{TState, TResult}" path="/param"/>
    public void ExecuteVoid<TState>(
        TState state,
        Action<TProvider, TState, CancellationToken> operation,
        FailoverPolicy policy,
        CancellationToken cancellationToken = default)
    {
        ThrowIfNull(operation, policy);
        Wait(RunAsync(
            (operation, state),
            static (provider, s, token) =>
            {
                s.operation(provider, s.state, token);
                return default(ValueTask<VoidResult>);
            },
            policy,
            cancellationToken));
    }

    /// <summary>
    /// Applies <paramref name="action"/> to every provider, primary first, even when one of them throws. Generated
    /// wrappers use it for property setters, event subscriptions and <c>Dispose</c>, so whichever provider serves a
    /// later call is configured the same and none is left undisposed.
    /// </summary>
    /// <exception cref="AggregateException">One or more providers threw; each exception is inside.</exception>
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

    /// <summary>Runs the walk, inside a Polly timeout when the options set a deadline for the whole call.</summary>
    private ValueTask<TResult> RunAsync<TState, TResult>(
        TState state,
        Func<TProvider, TState, CancellationToken, ValueTask<TResult>> operation,
        FailoverPolicy policy,
        CancellationToken cancellationToken)
    {
        // Cancellation is observed inside the walk, so a Task-returning member returns a canceled task instead of throwing.
        return _deadline is null
            ? WalkAsync(state, operation, policy, cancellationToken, cancellationToken)
            : RunWithDeadlineAsync(state, operation, policy, cancellationToken);
    }

    private async ValueTask<TResult> RunWithDeadlineAsync<TState, TResult>(
        TState state,
        Func<TProvider, TState, CancellationToken, ValueTask<TResult>> operation,
        FailoverPolicy policy,
        CancellationToken cancellationToken)
    {
        ResilienceContext context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            return await _deadline!.ExecuteAsync(
                static (ctx, s) => s.Item1.WalkAsync(s.state, s.operation, s.policy, s.cancellationToken, ctx.CancellationToken),
                context,
                (this, state, operation, policy, cancellationToken)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// The failover loop every Execute method shares. <paramref name="callerToken"/> is the caller's own token;
    /// <paramref name="token"/> is what providers receive: the caller's token, or one that also fires at the deadline.
    /// </summary>
    private async ValueTask<TResult> WalkAsync<TState, TResult>(
        TState state,
        Func<TProvider, TState, CancellationToken, ValueTask<TResult>> operation,
        FailoverPolicy policy,
        CancellationToken callerToken,
        CancellationToken token)
    {
        long callStarted = _time.GetTimestamp();
        List<FailoverAttempt>? attempts = null;
        bool called = false;
        int first = _sticky?.StartIndex(_time.GetUtcNow()) ?? 0;
        for (int position = 0; position < _entries.Length; position++)
        {
            callerToken.ThrowIfCancellationRequested();
            if (token.IsCancellationRequested)
            {
                throw Exhausted(attempts, callStarted, deadlineExceeded: true);
            }

            int index = IndexAt(first, position);
            ChainEntry<TProvider> entry = _entries[index];
            Admission admission = entry.Circuit.TryEnter(_time.GetUtcNow(), out TimeSpan remaining, out FailoverReason coolingReason, out long generation);
            if (admission is Admission.SkipCoolingDown or Admission.SkipProbeInFlight)
            {
                PassOver(ref attempts, Skipped(entry, index, admission, remaining, coolingReason));
                continue;
            }

            called = true;
            ProviderOutcome<TResult> outcome = await CallAsync(entry, entry.Pipeline, index, admission, generation, state, operation, policy, callerToken, token).ConfigureAwait(false);
            if (outcome.Failure is null)
            {
                NotifySwitched(entry, index, attempts);
                return outcome.Result;
            }

            PassOver(ref attempts, outcome.Failure);
        }

        if (!called && !token.IsCancellationRequested)
        {
            // Every provider is cooling down. Failing now would report "all failed" without a single request,
            // so the provider whose cooldown ends first is called anyway.
            int index = SoonestAvailableIndex();
            ProviderOutcome<TResult> outcome = await CallAsync(
                _entries[index], _entries[index].Pipeline, index, Admission.Forced, _entries[index].Circuit.Generation, state, operation, policy, callerToken, token).ConfigureAwait(false);
            if (outcome.Failure is null)
            {
                NotifySwitched(_entries[index], index, attempts);
                return outcome.Result;
            }

            ReplaceAttempt(attempts!, outcome.Failure);
            Notify(_options.OnAttempt, outcome.Failure);
        }

        throw Exhausted(attempts, callStarted, deadlineExceeded: token.IsCancellationRequested && !callerToken.IsCancellationRequested);
    }

    private async ValueTask<ProviderOutcome<TResult>> CallAsync<TState, TResult>(
        ChainEntry<TProvider> entry,
        ResiliencePipeline pipeline,
        int index,
        Admission admission,
        long generation,
        TState state,
        Func<TProvider, TState, CancellationToken, ValueTask<TResult>> operation,
        FailoverPolicy policy,
        CancellationToken callerToken,
        CancellationToken token)
    {
        long started = _time.GetTimestamp();
        ResilienceContext context = ResilienceContextPool.Shared.Get(token);
        context.Properties.Set(PolicyKey, policy);
        FailureClassification failure = default;
        Exception? error = null;
        int requests = 1;
        bool succeeded = false;
        try
        {
            TResult result = await pipeline.ExecuteAsync(
                static (ctx, s) => s.operation(s.Provider, s.state, ctx.CancellationToken),
                context,
                (operation, entry.Provider, state)).ConfigureAwait(false);
            succeeded = true;
            entry.Circuit.OnSuccess(admission, generation);
            _sticky?.OnSuccess(index, _time.GetUtcNow());
            return new ProviderOutcome<TResult>(result);
        }
        catch (Exception ex) when (IsFallbackEligible(ex, policy, callerToken, token, out failure))
        {
            error = ex;
            requests = context.Properties.GetValue(RequestsKey, 1);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
            if (!succeeded && error is null)
            {
                // The exception propagates unchanged (caller cancellation or not fallback-safe): no verdict on health.
                entry.Circuit.OnNoVerdict(admission);
            }
        }

        DateTimeOffset now = _time.GetUtcNow();
        if (token.IsCancellationRequested)
        {
            // The call's own deadline cut this request short: that says nothing about the provider.
            entry.Circuit.OnNoVerdict(admission);
        }
        else
        {
            entry.Circuit.OnFailure(failure, now, _options.Cooldowns, generation);
        }

        return new ProviderOutcome<TResult>(new FailoverAttempt(
            entry.Name,
            index,
            FailoverAttemptOutcome.Failed,
            failure.Reason,
            failure.StatusCode,
            failure.GetRetryDelay(now),
            _time.GetElapsedTime(started),
            requests,
            cooldownRemaining: null,
            error));
    }

    /// <summary>True when <paramref name="exception"/> should move the call on (or be retried on the same provider).</summary>
    private bool IsFallbackEligible(Exception exception, FailoverPolicy policy, CancellationToken callerToken, CancellationToken token, out FailureClassification failure)
    {
        if (callerToken.IsCancellationRequested)
        {
            failure = default;
            return false;
        }

        if (token.IsCancellationRequested)
        {
            // Only the call's deadline cancels this token without the caller's: whatever the provider threw, it timed out.
            failure = new FailureClassification(FailoverReason.Timeout);
            return true;
        }

        failure = _classifier.Classify(exception, policy);
        if (failure.Reason == FailoverReason.Unknown)
        {
            return policy.IncludesUnknown || _options.UnknownErrors == UnknownErrorHandling.FailOver;
        }

        return policy.Matches(failure);
    }

    /// <summary>The built-in per-provider pipeline: retries outside, the per-attempt timeout inside.</summary>
    private ResiliencePipeline CreatePipeline(int index, bool withAttemptTimeout)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = _time };
        if (_options.MaxAttemptsPerProvider > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = _options.MaxAttemptsPerProvider - 1,
                BackoffType = DelayBackoffType.Exponential,
                Delay = _options.RetryBaseDelay,
                MaxDelay = _options.RetryMaxDelay,
                UseJitter = _options.UseJitter,
                ShouldHandle = args => new ValueTask<bool>(ShouldRetry(index, args.Outcome.Exception, args.Context)),
                DelayGenerator = static args => new ValueTask<TimeSpan?>(args.Context.Properties.GetValue(HintedDelayKey, null)),
                OnRetry = static args =>
                {
                    args.Context.Properties.Set(RequestsKey, args.AttemptNumber + 2);
                    return default;
                },
            });
        }

        if (withAttemptTimeout && _options.AttemptTimeout is TimeSpan attemptTimeout)
        {
            builder.AddTimeout(attemptTimeout);
        }

        return builder.Build();
    }

    /// <summary>
    /// Another attempt on the same provider is worth it for a transient failure without a retry hint, or when the
    /// provider asked for a short wait and no other provider could take the call now. Rate limits and the like
    /// otherwise fail over at once: waiting on one provider while a healthy one is available is what failover prevents.
    /// </summary>
    private bool ShouldRetry(int index, Exception? exception, ResilienceContext context)
    {
        if (exception is null
            || !context.Properties.TryGetValue(PolicyKey, out FailoverPolicy? policy)
            || !IsFallbackEligible(exception, policy, context.CancellationToken, context.CancellationToken, out FailureClassification failure))
        {
            return false;
        }

        DateTimeOffset now = _time.GetUtcNow();
        TimeSpan? hint = failure.GetRetryDelay(now);
        context.Properties.Set(HintedDelayKey, hint);
        if (hint is null)
        {
            return failure.Reason.IsTransient();
        }

        return hint <= _options.MaxRetryAfterWait && !AnyOtherAvailable(index, now);
    }

    private bool AnyOtherAvailable(int index, DateTimeOffset now)
    {
        for (int i = 0; i < _entries.Length; i++)
        {
            if (i != index && _entries[i].Circuit.OpenUntilUtcTicks <= now.UtcTicks && !_entries[i].Circuit.IsProbing)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Position 0 is the start provider; the rest follow in declared order.</summary>
    private static int IndexAt(int first, int position) =>
        position == 0 ? first : position <= first ? position - 1 : position;

    /// <summary>
    /// The provider whose cooldown ends first. One being probed by another call comes last: its cooldown is over, but
    /// sending it every forced call would defeat the single probe.
    /// </summary>
    private int SoonestAvailableIndex()
    {
        int best = 0;
        for (int i = 1; i < _entries.Length; i++)
        {
            ProviderCircuit candidate = _entries[i].Circuit;
            ProviderCircuit current = _entries[best].Circuit;
            if ((current.IsProbing && !candidate.IsProbing)
                || (current.IsProbing == candidate.IsProbing && candidate.OpenUntilUtcTicks < current.OpenUntilUtcTicks))
            {
                best = i;
            }
        }

        return best;
    }

    private FallbackChainExhaustedException Exhausted(List<FailoverAttempt>? attempts, long callStarted, bool deadlineExceeded) =>
        new(attempts ?? new List<FailoverAttempt>(), _time.GetElapsedTime(callStarted), _entries.Length, deadlineExceeded);

    private void PassOver(ref List<FailoverAttempt>? attempts, FailoverAttempt attempt)
    {
        (attempts ??= new List<FailoverAttempt>(_entries.Length)).Add(attempt);
        Notify(_options.OnAttempt, attempt);
    }

    private void NotifySwitched(ChainEntry<TProvider> entry, int index, List<FailoverAttempt>? passedOver)
    {
        if (passedOver is not null && _options.OnSwitched is not null)
        {
            Notify(_options.OnSwitched, new FailoverSwitch(entry.Name, index, passedOver.ToArray()));
        }
    }

    private static void Notify<T>(Action<T>? callback, T value)
    {
        if (callback is null)
        {
            return;
        }

        try
        {
            callback(value);
        }
        catch (Exception)
        {
            // Observers must not turn a successful failover into a failed call.
        }
    }

    private static FailoverAttempt Skipped(ChainEntry<TProvider> entry, int index, Admission admission, TimeSpan remaining, FailoverReason reason) =>
        new(
            entry.Name,
            index,
            admission == Admission.SkipCoolingDown ? FailoverAttemptOutcome.SkippedCoolingDown : FailoverAttemptOutcome.SkippedProbeInFlight,
            reason,
            statusCode: null,
            retryAfter: null,
            TimeSpan.Zero,
            requests: 0,
            admission == Admission.SkipCoolingDown ? remaining : null,
            exception: null);

    private static void ReplaceAttempt(List<FailoverAttempt> attempts, FailoverAttempt replacement)
    {
        for (int i = 0; i < attempts.Count; i++)
        {
            if (attempts[i].ProviderIndex == replacement.ProviderIndex)
            {
                attempts[i] = replacement;
                return;
            }
        }
    }
}
