namespace FailoverGen;

/// <summary>The names under which chains publish metrics and traces, for OpenTelemetry's <c>AddMeter</c> and <c>AddSource</c>.</summary>
public static class FailoverDiagnostics
{
    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> name: <c>FailoverGen</c>.</summary>
    public const string MeterName = "FailoverGen";

    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> name: <c>FailoverGen</c>.</summary>
    public const string ActivitySourceName = "FailoverGen";

    /// <summary>The logger category chains log under when they get an <c>ILoggerFactory</c>.</summary>
    public const string LoggerCategory = "FailoverGen.FallbackChain";

    /// <summary>The version both report, the library's assembly version.</summary>
    internal static readonly string Version = typeof(FailoverDiagnostics).Assembly.GetName().Version?.ToString() ?? "0.0.0";
}
