using System;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using FailoverGen.Chaos;

// The chaos soak. Sizes and the seed come from the command line; see docs/chaos-soak.md for the full-size commands.
SoakOptions options;
try
{
    options = SoakOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

int unobserved = 0;
TaskScheduler.UnobservedTaskException += (_, e) =>
{
    Interlocked.Increment(ref unobserved);
    e.SetObserved();
};

Console.WriteLine($"chaos soak: seed {options.Seed}, fault rate {options.FaultRate:0.###}, cancel rate {options.CancelRate:0.###}");
int violations = 0;
if (options.Mode is "memory" or "both")
{
    violations += await RunAsync("in memory", options.MemoryCalls, options.MemoryConcurrency, behaviours =>
        Task.FromResult<(string, IChaosProvider)[]>(behaviours.Select((b, i) => (Name(i), (IChaosProvider)new InMemoryProvider(Name(i), b))).ToArray()));
}

if (options.Mode is "http" or "both")
{
    HttpFaultServer? server = null;
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue }) { Timeout = Timeout.InfiniteTimeSpan };
    try
    {
        violations += await RunAsync("loopback HTTP", options.HttpCalls, options.HttpConcurrency, async behaviours =>
        {
            server = await HttpFaultServer.StartAsync(Enumerable.Range(0, behaviours.Length).Select(Name).ToArray(), behaviours);
            http.BaseAddress = server.BaseAddress;
            return behaviours.Select((_, i) => (Name(i), (IChaosProvider)new HttpChaosProvider(http, i, headersRead: i % 2 == 0))).ToArray();
        });
    }
    finally
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}

Console.WriteLine(violations == 0 ? "chaos soak: 0 violations" : $"chaos soak: {violations} violations");
return violations == 0 ? 0 : 1;

async Task<int> RunAsync(string mode, int calls, int concurrency, Func<FaultyBehaviour[], Task<(string, IChaosProvider)[]>> providers)
{
    FaultyBehaviour[] behaviours = Enumerable.Range(0, 5).Select(i => new FaultyBehaviour(options.Seed * 31 + i, options.FaultRate)).ToArray();
    var runner = new SoakRunner(mode, await providers(behaviours), options.Seed, options.CancelRate);
    var clock = Stopwatch.StartNew();

    // A tenth of the calls warm up the process (JIT, connections): their timing is not judged, and memory is compared
    // between the end of that batch and the end of the run.
    int warmUp = Math.Max(1, calls / 10);
    await runner.RunAsync(warmUp, concurrency, timed: false);
    long before = Settled();
    await runner.RunAsync(calls - warmUp, concurrency, timed: true);
    long after = Settled();

    SoakReport report = runner.Report;
    report.Elapsed = clock.Elapsed;
    report.Requests = behaviours.Sum(b => b.Requests);
    report.RequestsIntoKnownCooldown = behaviours.Sum(b => b.RequestsIntoKnownCooldown);
    report.MemoryGrowthBytes = after - before;
    report.UnobservedTaskExceptions = Volatile.Read(ref unobserved);
    if (report.UnobservedTaskExceptions > 0)
    {
        report.Violation($"{report.UnobservedTaskExceptions} unobserved task exceptions");
    }

    if (report.MemoryGrowthBytes > 32L * 1024 * 1024)
    {
        report.Violation($"memory grew by {report.MemoryGrowthBytes / (1024 * 1024)} MiB after warm-up");
    }

    // Requests into a cooldown the provider announced are the ones failover exists to avoid. A few arrive while every
    // provider is cooling (the chain then calls the one that recovers first); more than 0.5 % means the chain ignored it.
    if (report.RequestsIntoKnownCooldown > report.Requests / 200)
    {
        report.Violation($"{report.RequestsIntoKnownCooldown} of {report.Requests} requests went into a cooldown the provider had announced");
    }

    Console.WriteLine(report);
    return report.ViolationCount;
}

static long Settled()
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    return GC.GetTotalMemory(forceFullCollection: true);
}

static string Name(int index) => "provider-" + index;
