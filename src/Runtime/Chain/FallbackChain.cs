namespace FailoverGen;

/// <summary>Entry point for building a chain: <c>FallbackChain.Create&lt;IChatProvider&gt;().Add("a", a).Add("b", b).Build()</c>.</summary>
public static class FallbackChain
{
    /// <summary>Starts a chain of <typeparamref name="TProvider"/> implementations, primary first.</summary>
    public static FallbackChainBuilder<TProvider> Create<TProvider>()
        where TProvider : class => new();
}
