using System.Linq;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

// A benchmark that cannot run (a failed setup, an exception, a validation error) fails the process, so CI's dry run
// catches benchmarks that have rotted.
Summary[] summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args).ToArray();
return summaries.Any(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success)) ? 1 : 0;
