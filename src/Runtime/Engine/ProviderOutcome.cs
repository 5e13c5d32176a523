namespace FailoverGen;

/// <summary>
/// The result of calling one provider: its value, or the failed attempt to record before moving on. Kept small: it is
/// copied through every await of every call.
/// </summary>
internal readonly struct ProviderOutcome<TResult>
{
    public ProviderOutcome(TResult result)
    {
        Result = result;
        Failure = null;
    }

    public ProviderOutcome(FailoverAttempt failure)
    {
        Result = default!;
        Failure = failure;
    }

    public TResult Result { get; }

    public FailoverAttempt? Failure { get; }
}
