using System;
using System.Globalization;

namespace FailoverGen.Chaos;

/// <summary>The soak's size knobs, from <c>--name value</c> arguments.</summary>
public sealed class SoakOptions
{
    public string Mode { get; private set; } = "both";

    public int Seed { get; private set; } = 1;

    public int MemoryCalls { get; private set; } = 30_000;

    public int MemoryConcurrency { get; private set; } = 512;

    public int HttpCalls { get; private set; } = 3_000;

    public int HttpConcurrency { get; private set; } = 128;

    /// <summary>The share of each provider's requests that fail with a random transient or odd fault.</summary>
    public double FaultRate { get; private set; } = 0.05;

    /// <summary>The share of calls whose caller cancels at a random moment.</summary>
    public double CancelRate { get; private set; } = 0.05;

    public static SoakOptions Parse(string[] args)
    {
        var options = new SoakOptions();
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            string value = args[i + 1];
            switch (args[i])
            {
                case "--mode":
                    options.Mode = value is "memory" or "http" or "both" ? value : throw Bad(args[i], value, "memory, http or both");
                    break;
                case "--seed":
                    options.Seed = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--calls":
                    options.MemoryCalls = Positive(args[i], value);
                    break;
                case "--concurrency":
                    options.MemoryConcurrency = Positive(args[i], value);
                    break;
                case "--http-calls":
                    options.HttpCalls = Positive(args[i], value);
                    break;
                case "--http-concurrency":
                    options.HttpConcurrency = Positive(args[i], value);
                    break;
                case "--fault-rate":
                    options.FaultRate = double.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--cancel-rate":
                    options.CancelRate = double.Parse(value, CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}. Options: --mode memory|http|both, --seed N, --calls N, --concurrency N, --http-calls N, --http-concurrency N, --fault-rate R, --cancel-rate R.");
            }
        }

        if (args.Length % 2 != 0)
        {
            throw new ArgumentException($"Option {args[^1]} has no value.");
        }

        return options;
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : throw Bad(name, value, "a positive whole number");

    private static ArgumentException Bad(string name, string value, string expected) => new($"{name} {value}: expected {expected}.");
}
