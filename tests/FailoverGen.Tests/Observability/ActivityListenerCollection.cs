namespace FailoverGen.Tests.Observability;

/// <summary>
/// Tests that listen to the FailoverGen activity source run alone: a listener is process-wide, and while one exists
/// every chain leaves the direct path, which the direct-path tests (returning the provider's own task) would then see.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ActivityListenerCollection
{
    public const string Name = "Activity listeners";
}
