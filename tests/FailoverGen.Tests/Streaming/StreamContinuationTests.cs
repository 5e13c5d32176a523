using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using FailoverGen.Tests.Fakes;

namespace FailoverGen.Tests.Streaming;

/// <summary>
/// A stream that breaks after items reached the caller, continued on the next provider from what was delivered; a
/// provider that refuses to continue is asked for a clean restart the caller is told about, or the stream ends with the
/// failure that broke it, never with the refusal.
/// </summary>
public sealed class StreamContinuationTests
{
    private const string Prefill = "|assistant:";
    private readonly TestClock _clock = new();
    private readonly RecordingObserver _observer = new();

    /// <summary>Continues a prompt by appending the text delivered so far as an assistant prefill.</summary>
    private static readonly StreamContinuation<string, string> AsPrefill =
        new((prompt, delivered) => prompt + Prefill + string.Concat(delivered.Select(item => item[(item.IndexOf(':') + 1)..])));

    public interface IWriter
    {
        IAsyncEnumerable<string> WriteAsync(string prompt, CancellationToken cancellationToken);
    }

    [Fact]
    public async Task AStreamThatBreaks_IsContinuedOnTheNextProvider_FromWhatTheCallerReceived()
    {
        var primary = new Writer("p", "Hel", "lo") { BreakWith = new ProviderException("upstream reset", statusCode: 503) };
        var fallback = new Writer("f", " world");

        IReadOnlyList<string> items = await ReadAsync(o => o.ContinueStreamsOnFailure = true, primary, fallback);

        Assert.Equal(new[] { "p:Hel", "p:lo", "f: world" }, items);
        Assert.Equal(new[] { "hi" + Prefill + "Hello" }, fallback.Prompts);
        StreamResumed resumed = Assert.Single(_observer.Events.OfType<StreamResumed>());
        Assert.Equal(("p", "f", 2, true, 0), (resumed.FailedProvider, resumed.Provider, resumed.ItemsDelivered, resumed.Continued, resumed.ItemsToDiscard));
    }

    [Fact]
    public async Task AProviderThatRefusesToContinue_IsAskedForACleanRestart_AndTheCallerIsToldToDiscardWhatItHad()
    {
        var primary = new Writer("p", "Hel", "lo") { BreakWith = new ProviderException("upstream reset", statusCode: 503) };
        var fallback = new Writer("f", "Hello world") { RefusesPrefill = true };

        IReadOnlyList<string> items = await ReadAsync(
            o =>
            {
                o.ContinueStreamsOnFailure = true;
                o.RestartStreamsOnFailure = true;
            },
            primary,
            fallback);

        Assert.Equal(new[] { "p:Hel", "p:lo", "f:Hello world" }, items);
        Assert.Equal(new[] { "hi" + Prefill + "Hello", "hi" }, fallback.Prompts);
        StreamResumed resumed = Assert.Single(_observer.Events.OfType<StreamResumed>());
        Assert.Equal((false, 2), (resumed.Continued, resumed.ItemsToDiscard));
    }

    [Fact]
    public async Task AProviderThatRefusesToContinue_WithoutRestarts_EndsTheStreamWithTheFailureThatBrokeIt()
    {
        var reset = new ProviderException("upstream reset", statusCode: 503);
        var primary = new Writer("p", "Hel", "lo") { BreakWith = reset };
        var fallback = new Writer("f", "Hello world") { RefusesPrefill = true };

        var interrupted = await Assert.ThrowsAsync<FailoverStreamInterruptedException>(() => ReadAsync(o => o.ContinueStreamsOnFailure = true, primary, fallback));

        Assert.Same(reset, interrupted.InnerException);
        Assert.Equal((503, 2, "p"), (interrupted.StatusCode, interrupted.ItemsYielded, interrupted.ProviderName));
        Assert.Empty(_observer.Events.OfType<StreamResumed>());
    }

    [Fact]
    public async Task AContinuationThatFailsOtherwise_FailsOverToTheNextProvider_WhichContinues()
    {
        var primary = new Writer("p", "Hel", "lo") { BreakWith = new ProviderException("upstream reset", statusCode: 503) };
        var limited = new Writer("l") { FailStartWith = new ProviderException("slow down", statusCode: 429) };
        var third = new Writer("t", " world");

        IReadOnlyList<string> items = await ReadAsync(o => o.ContinueStreamsOnFailure = true, primary, limited, third);

        Assert.Equal(new[] { "p:Hel", "p:lo", "t: world" }, items);
        Assert.Equal(new[] { "hi" + Prefill + "Hello" }, third.Prompts);
    }

    [Fact]
    public async Task AContinuedStreamThatBreaksAgain_IsContinuedFromEverythingDelivered()
    {
        var primary = new Writer("p", "One") { BreakWith = new ProviderException("reset", statusCode: 503) };
        var second = new Writer("s", " two") { BreakWith = new ProviderException("reset", statusCode: 502) };
        var third = new Writer("t", " three");

        IReadOnlyList<string> items = await ReadAsync(o => o.ContinueStreamsOnFailure = true, primary, second, third);

        Assert.Equal(new[] { "p:One", "s: two", "t: three" }, items);
        Assert.Equal(new[] { "hi" + Prefill + "One two" }, third.Prompts);
    }

    [Fact]
    public async Task ARestartThatBeginsWithWhatWasDelivered_IsSplicedOn_SoTheCallerGetsOneAnswer()
    {
        var primary = new Writer("p", "Hel", "lo") { BreakWith = new ProviderException("upstream reset", statusCode: 503) };
        var fallback = new Writer("f", "He", "llo w", "orld") { RefusesPrefill = true, Bare = true };

        IReadOnlyList<string> items = await ReadAsync(o => o.ContinueStreamsOnFailure = true, primary, fallback, Spliced);

        Assert.Equal(new[] { "p:Hel", "p:lo", " w", "orld" }, items);
        StreamResumed resumed = Assert.Single(_observer.Events.OfType<StreamResumed>());
        Assert.True(resumed.Continued);
    }

    [Fact]
    public async Task ARestartThatBeginsDifferently_EndsTheStreamWithTheFailureThatBrokeIt()
    {
        var reset = new ProviderException("upstream reset", statusCode: 503);
        var primary = new Writer("p", "Hel", "lo") { BreakWith = reset };
        var fallback = new Writer("f", "Hi there") { RefusesPrefill = true, Bare = true };

        var interrupted = await Assert.ThrowsAsync<FailoverStreamInterruptedException>(() => ReadAsync(o => o.ContinueStreamsOnFailure = true, primary, fallback, Spliced));

        Assert.Same(reset, interrupted.InnerException);
    }

    [Fact]
    public void ASpliceNeedsBothTheTextAndAWayToCutIt()
    {
        var refused = Assert.Throws<ArgumentException>(() => new StreamContinuation<string, string>((p, _) => p, null, textOf: item => item));
        Assert.Contains("withText", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAContinuation_TheOptionLeavesTheStreamToEndAsBefore()
    {
        var primary = new Writer("p", "Hel", "lo") { BreakWith = new ProviderException("upstream reset", statusCode: 503) };
        FallbackChain<IWriter> chain = Chain(o => o.ContinueStreamsOnFailure = true, primary, new Writer("f", " world"));

        var interrupted = await Assert.ThrowsAsync<FailoverStreamInterruptedException>(async () =>
        {
            await foreach (string _ in chain.ExecuteStreamAsync("hi", static (w, s, ct) => w.WriteAsync(s, ct), FailoverPolicy.Default))
            {
            }
        });

        Assert.Equal(2, interrupted.ItemsYielded);
    }

    /// <summary>The prefill continuation, splicing restarts by text (items of the primary carry its name, a bare writer's do not).</summary>
    private static readonly StreamContinuation<string, string> Spliced = new(
        AsPrefill.ContinueFrom,
        isRejection: null,
        textOf: item => item.StartsWith("p:", StringComparison.Ordinal) ? item[2..] : item,
        withText: (_, text) => text);

    private Task<IReadOnlyList<string>> ReadAsync(Action<FallbackChainOptions> configure, params Writer[] writers) =>
        ReadAsync(configure, writers[0], writers[1], AsPrefill, writers.Skip(2).ToArray());

    private Task<IReadOnlyList<string>> ReadAsync(Action<FallbackChainOptions> configure, Writer primary, Writer fallback, StreamContinuation<string, string> continuation) =>
        ReadAsync(configure, primary, fallback, continuation, Array.Empty<Writer>());

    private async Task<IReadOnlyList<string>> ReadAsync(Action<FallbackChainOptions> configure, Writer primary, Writer fallback, StreamContinuation<string, string> continuation, Writer[] others)
    {
        FallbackChain<IWriter> chain = Chain(configure, new[] { primary, fallback }.Concat(others).ToArray());
        var items = new List<string>();
        await foreach (string item in chain.ExecuteResumableStreamAsync("hi", static (w, s, ct) => w.WriteAsync(s, ct), FailoverPolicy.Default, continuation, CancellationToken.None))
        {
            items.Add(item);
        }

        return items;
    }

    private FallbackChain<IWriter> Chain(Action<FallbackChainOptions> configure, params Writer[] writers)
    {
        FallbackChainBuilder<IWriter> builder = FallbackChain.Create<IWriter>()
            .WithTimeProvider(_clock)
            .Configure(o =>
            {
                o.MaxRetryAfterWait = TimeSpan.Zero;
                o.Retry.MaxRetryAttempts = 0;
                o.Observers.Add(_observer);
                configure(o);
            });
        foreach (Writer writer in writers)
        {
            builder.Add(writer.Name, writer);
        }

        return builder.Build();
    }

    /// <summary>Writes its pieces, then breaks if told to; refuses a prompt with an assistant prefill the way providers without prefill do (a 400).</summary>
    private sealed class Writer(string name, params string[] pieces) : IWriter
    {
        private readonly List<string> _prompts = new();

        public string Name => name;

        public Exception? BreakWith { get; init; }

        public Exception? FailStartWith { get; init; }

        public bool RefusesPrefill { get; init; }

        /// <summary>Writes its pieces as they are, without its name in front.</summary>
        public bool Bare { get; init; }

        public IReadOnlyList<string> Prompts
        {
            get
            {
                lock (_prompts)
                {
                    return _prompts.ToArray();
                }
            }
        }

        public async IAsyncEnumerable<string> WriteAsync(string prompt, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            lock (_prompts)
            {
                _prompts.Add(prompt);
            }

            await Task.Yield();
            if (FailStartWith is not null)
            {
                throw FailStartWith;
            }

            if (RefusesPrefill && prompt.Contains(Prefill, StringComparison.Ordinal))
            {
                throw new ProviderException("This model does not support assistant message prefill.", statusCode: 400, errorType: "invalid_request_error");
            }

            foreach (string piece in pieces)
            {
                yield return Bare ? piece : name + ":" + piece;
            }

            if (BreakWith is not null)
            {
                throw BreakWith;
            }
        }
    }
}
