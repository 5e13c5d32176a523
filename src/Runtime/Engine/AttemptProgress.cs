using System;
using Polly;

namespace FailoverGen;

/// <summary>
/// What happened so far in one attempt on one provider, kept in its Polly context from the first failure on (a call
/// that succeeds at once never creates one): the requests sent, the last failure as classified by the retry decision
/// (so the walk does not classify it again) and the wait that decision chose.
/// </summary>
internal sealed class AttemptProgress
{
    public static readonly ResiliencePropertyKey<AttemptProgress> Key = new("FailoverGen.Progress");

    public int Requests { get; set; } = 1;

    public Exception? LastError { get; private set; }

    public Verdict LastVerdict { get; private set; }

    public TimeSpan? HintedDelay { get; set; }

    /// <summary>
    /// The outcome of a first request made outside the pipeline (boxed <c>Outcome&lt;TResult&gt;</c>), which the
    /// pipeline's first execution returns instead of calling the provider again, so that its retry strategy waits and
    /// counts from that request.
    /// </summary>
    public object? Replay { get; set; }

    public static AttemptProgress Of(ResilienceContext context)
    {
        if (!context.Properties.TryGetValue(Key, out AttemptProgress? progress))
        {
            progress = new AttemptProgress();
            context.Properties.Set(Key, progress);
        }

        return progress;
    }

    public void Record(Exception error, Verdict verdict)
    {
        LastError = error;
        LastVerdict = verdict;
    }

    /// <summary>The replayed first outcome once, then null; a replay is no new request.</summary>
    public object? TakeReplay()
    {
        object? replay = Replay;
        Replay = null;
        return replay;
    }

    /// <summary>The verdict on <paramref name="error"/> if the retry decision already reached one.</summary>
    public bool TryGetVerdict(Exception error, out Verdict verdict)
    {
        verdict = LastVerdict;
        return ReferenceEquals(error, LastError);
    }
}
