using System;
using System.Diagnostics;
using System.Threading;

namespace FailoverGen;

/// <summary>One chain call's tokens and clock: what the caller controls, what providers receive, and when it started.</summary>
internal readonly struct CallScope
{
    public CallScope(CancellationToken callerToken, CallDeadline? deadline, long started, Activity? span = null)
    {
        CallerToken = callerToken;
        Deadline = deadline;
        Token = deadline?.Token ?? callerToken;
        Started = started;
        Span = span;
    }

    /// <summary>The caller's own token: once it is cancelled, the caller gets an OperationCanceledException for it.</summary>
    public CancellationToken CallerToken { get; }

    /// <summary>What providers receive: the caller's token, or one that also fires at the deadline.</summary>
    public CancellationToken Token { get; }

    public CallDeadline? Deadline { get; }

    /// <summary>The <see cref="TimeProvider"/> timestamp at which the call started.</summary>
    public long Started { get; }

    /// <summary>The call's span, which the walk ends when a provider answers; null when untraced, and for streams (they end it themselves).</summary>
    public Activity? Span { get; }

    /// <summary>True when the deadline, not the caller, ended the call.</summary>
    public bool DeadlineReached => Token.IsCancellationRequested && !CallerToken.IsCancellationRequested;

    public TimeSpan Remaining(DateTimeOffset now) => Deadline?.Remaining(now) ?? TimeSpan.MaxValue;
}
