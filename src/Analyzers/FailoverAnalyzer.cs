using Microsoft.CodeAnalysis.Diagnostics;

namespace FailoverGen.Analyzers;

/// <summary>
/// The common set-up of every FailoverGen analyzer: generated code is not analyzed, analysis runs concurrently, and
/// nothing is registered for a compilation that does not reference FailoverGen.
/// </summary>
public abstract class FailoverAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (FailoverSymbols.Create(start.Compilation) is { } symbols)
            {
                Register(start, symbols);
            }
        });
    }

    private protected abstract void Register(CompilationStartAnalysisContext context, FailoverSymbols symbols);
}
