namespace FailoverGen;

/// <summary>One provider of a chain as registered; what configuration can change about it lives in the chain's plan.</summary>
internal sealed class ChainEntry<TProvider>
    where TProvider : class
{
    public ChainEntry(string name, TProvider provider)
    {
        Name = name;
        Provider = provider;
    }

    public string Name { get; }

    public TProvider Provider { get; }
}
