namespace FailoverGen;

/// <summary>Lets members without a result share the one generic failover loop.</summary>
internal readonly struct VoidResult
{
}
