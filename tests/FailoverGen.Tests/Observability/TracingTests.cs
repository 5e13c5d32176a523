using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using FailoverGen.Tests.Fakes;

namespace FailoverGen.Tests.Observability;

/// <summary>Each chain call is a span on the FailoverGen source, with one child span per provider attempt.</summary>
[Collection(ActivityListenerCollection.Name)]
public sealed class TracingTests : IDisposable
{
    private readonly TestClock _clock = new();
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly string _chain = "chat-" + Guid.NewGuid().ToString("N");

    public TracingTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == FailoverDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                // Other tests run chains at the same time; only this test's chain counts.
                if (Equals(activity.GetTagItem("failovergen.chain"), _chain))
                {
                    _stopped.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task Failover_IsOneCallSpanWithAChildPerAttempt()
    {
        var primary = new ScriptedProvider("anthropic/claude-opus-4", _clock)
            .Throws(new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(20)));
        var fallback = new ScriptedProvider("openai/gpt-4o", _clock).Takes(_clock, TimeSpan.FromMilliseconds(700));
        FallbackChain<IChatProvider> chain = Build(primary, fallback);
        using var parent = new Activity("request").Start();

        await chain.CompleteAsync();

        Activity call = Assert.Single(_stopped, a => a.OperationName == "failover " + _chain);
        Activity[] attempts = _stopped.Where(a => a.ParentSpanId == call.SpanId).OrderBy(a => a.GetTagItem("failovergen.attempt")).ToArray();
        Assert.Equal(parent.TraceId, call.TraceId);
        Assert.Equal(parent.SpanId, call.ParentSpanId);
        Assert.Equal(ActivityStatusCode.Ok, call.Status);
        Assert.Equal("openai/gpt-4o", call.GetTagItem("failovergen.provider"));
        Assert.Equal(2, call.GetTagItem("failovergen.attempts"));
        Assert.Equal(TimeSpan.FromMilliseconds(700), call.Duration);

        Assert.Equal(new[] { "attempt anthropic/claude-opus-4", "attempt openai/gpt-4o" }, attempts.Select(a => a.OperationName));
        Activity failed = attempts[0];
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        Assert.Equal("rate_limit", failed.GetTagItem("error.type"));
        Assert.Equal("RateLimit", failed.GetTagItem("failovergen.reason"));
        Assert.Equal(429, failed.GetTagItem("http.response.status_code"));
        Assert.Equal(20.0, failed.GetTagItem("failovergen.retry_after"));
        Assert.Equal("anthropic", failed.GetTagItem("gen_ai.provider.name"));
        Assert.Equal("claude-opus-4", failed.GetTagItem("gen_ai.request.model"));
        ActivityEvent exception = Assert.Single(failed.Events);
        Assert.Equal("exception", exception.Name);
        Assert.Equal(typeof(ProviderException).FullName, exception.Tags.Single(t => t.Key == "exception.type").Value);
        Activity answered = attempts[1];
        Assert.Equal(ActivityStatusCode.Ok, answered.Status);
        Assert.Equal(TimeSpan.FromMilliseconds(700), answered.Duration);
    }

    [Fact]
    public async Task SkippedProviders_AreListedOnTheCallSpan()
    {
        var primary = new ScriptedProvider("primary", _clock).Throws(new ProviderException("slow down", statusCode: 429, retryAfter: TimeSpan.FromSeconds(20)));
        FallbackChain<IChatProvider> chain = Build(primary, new ScriptedProvider("fallback", _clock));
        await chain.CompleteAsync();
        _stopped.Clear();

        await chain.CompleteAsync();

        Activity call = Assert.Single(_stopped, a => a.OperationName == "failover " + _chain);
        Assert.Equal(new[] { "primary" }, (string[])call.GetTagItem("failovergen.skipped")!);
        Assert.Single(_stopped, a => a.ParentSpanId == call.SpanId);
    }

    [Fact]
    public async Task Exhaustion_EndsTheCallSpanInError()
    {
        FallbackChain<IChatProvider> chain = Build(new ScriptedProvider("only", _clock).Throws(new ProviderException("down", statusCode: 503)));

        await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => chain.CompleteAsync());

        Activity call = Assert.Single(_stopped, a => a.OperationName == "failover " + _chain);
        Assert.Equal(ActivityStatusCode.Error, call.Status);
        Assert.Equal(typeof(FallbackChainExhaustedException).FullName, call.GetTagItem("error.type"));
        Assert.Contains(call.Events, e => e.Name == "exception");
    }

    [Fact]
    public async Task ErrorThatIsNotFallbackSafe_IsRecordedOnBothSpans()
    {
        FallbackChain<IChatProvider> chain = Build(
            new ScriptedProvider("primary", _clock).Throws(new ProviderException("bad", statusCode: 400)),
            new ScriptedProvider("fallback", _clock));

        await Assert.ThrowsAsync<ProviderException>(() => chain.CompleteAsync());

        Assert.Equal(2, _stopped.Count);
        Assert.All(_stopped, a => Assert.Equal(ActivityStatusCode.Error, a.Status));
        Assert.All(_stopped, a => Assert.Equal(typeof(ProviderException).FullName, a.GetTagItem("error.type")));
    }

    [Fact]
    public async Task Stream_IsOneCallSpanCoveringEveryItem()
    {
        FallbackChain<IChatProvider> chain = Build(
            new ScriptedProvider("primary", _clock),
            new ScriptedProvider("fallback", _clock));

        int index = 0;
        await foreach (string _ in chain.ExecuteStreamAsync(_clock, (p, clock, ct) => Items(index++ == 0, clock, ct), FailoverPolicy.Default))
        {
        }

        Activity call = Assert.Single(_stopped, a => a.OperationName == "failover " + _chain);
        Assert.Equal(3, call.GetTagItem("failovergen.stream.items"));
        Assert.Equal(0.2, call.GetTagItem("failovergen.stream.time_to_first_item"));
        Assert.Equal(TimeSpan.FromMilliseconds(500), call.Duration);
        Assert.Equal("fallback", call.GetTagItem("failovergen.provider"));
        Assert.Equal(2, _stopped.Count(a => a.ParentSpanId == call.SpanId));
    }

    private static async IAsyncEnumerable<string> Items(bool fail, TestClock clock, [EnumeratorCancellation] CancellationToken ct)
    {
        await Task.Yield();
        if (fail)
        {
            throw new ProviderException("overloaded", statusCode: 529);
        }

        clock.Advance(TimeSpan.FromMilliseconds(200));
        yield return "a";
        clock.Advance(TimeSpan.FromMilliseconds(300));
        yield return "b";
        yield return "c";
    }

    private FallbackChain<IChatProvider> Build(params ScriptedProvider[] providers) =>
        TestChains.Build(_clock, o =>
        {
            o.Name = _chain;
            o.Retry.MaxRetryAttempts = 0;
        }, providers);
}
