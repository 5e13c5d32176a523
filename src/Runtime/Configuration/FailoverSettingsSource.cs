namespace FailoverGen;

/// <summary>
/// Registered per provider interface by <see cref="FailoverServiceCollectionExtensions.AddFailoverSettings{TProvider}"/>:
/// the name of the <see cref="FailoverSettings"/> its chain reads, found by <see cref="FallbackChainBuilder{TProvider}.UseServices"/>.
/// </summary>
internal sealed class FailoverSettingsSource<TProvider>
    where TProvider : class
{
    public FailoverSettingsSource(string name)
    {
        Name = name;
    }

    public string Name { get; }
}
