namespace FailoverGen;

/// <summary>A failure classified once, and whether the call's policy moves it on (or retries it) rather than rethrowing it.</summary>
internal readonly struct Verdict
{
    public Verdict(FailureClassification failure, bool eligible)
    {
        Failure = failure;
        Eligible = eligible;
    }

    public FailureClassification Failure { get; }

    public bool Eligible { get; }
}
