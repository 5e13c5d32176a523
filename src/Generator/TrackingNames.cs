namespace FailoverGen.Generator;

/// <summary>Names of the incremental steps, so tests can assert what was cached.</summary>
internal static class TrackingNames
{
    public const string Interfaces = "FallbackChainInterfaces";
    public const string Models = "FallbackChainModels";
    public const string ForeignInterfaces = "FallbackChainForInterfaces";
    public const string ForeignModels = "FallbackChainForModels";
    public const string Features = "ProjectFeatures";
}
