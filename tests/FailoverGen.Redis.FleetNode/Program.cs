using System;
using System.Diagnostics;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ChatFailover;
using ChatFailover.Providers;
using FailoverGen;
using FailoverGen.Redis;

// One instance of an app in the fleet tests. Arguments: <redis configuration or "none"> <chain name> <primary URL>
// <fallback URL> <cooldown in ms>. Commands on stdin, one per line:
//   call               one call; prints "answered <model>" or "failed <exception type>"
//   calls <n> <ms>     n calls, <ms> apart; prints "call <i> <result>" for each, then "done <answered> <failed>"
//   quit
// Events on stdout, with Stopwatch timestamps (one monotonic clock for every process on the machine):
//   "opened <provider> <timestamp>", "applied <provider> <timestamp>", "recovered <provider> <timestamp>".
string redis = args[0];
string chainName = args[1];
TimeSpan cooldown = TimeSpan.FromMilliseconds(int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture));
using var primaryHttp = new HttpClient { BaseAddress = new Uri(args[2]) };
using var fallbackHttp = new HttpClient { BaseAddress = new Uri(args[3]) };
var output = new Output();

FallbackChainBuilder<IChatProvider> builder = FallbackChain.Create<IChatProvider>()
    .Add("primary", new OpenAiClient(primaryHttp, "gpt-4o-mini"))
    .Add("fallback", new OpenAiClient(fallbackHttp, "gpt-4.1-mini"))
    .Configure(options =>
    {
        options.Name = chainName;
        options.Retry.MaxRetryAttempts = 0;
        // Every cooldown lasts exactly this long, whatever the provider's reset hint says, so the tests control it.
        options.Cooldowns.Minimum = cooldown;
        options.Cooldowns.Maximum = cooldown;
        options.Observers.Add(new Events(output));
    });
RedisCooldownFleet? fleet = null;
if (redis != "none")
{
    fleet = new RedisCooldownFleet(new RedisCooldownOptions { Configuration = redis, ProbeLease = TimeSpan.FromSeconds(5) });
    builder.ShareCooldowns(fleet);
}

var chat = new ChatProviderFailover(builder.Build());
if (fleet is not null)
{
    await fleet.WaitUntilSyncedAsync().WaitAsync(TimeSpan.FromSeconds(30));
}

output.Line("ready");
while (Console.ReadLine() is string line)
{
    string[] words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    switch (words.Length == 0 ? string.Empty : words[0])
    {
        case "call":
            output.Line(await CallAsync(chat));
            break;
        case "calls":
            int answered = 0, failed = 0;
            int count = int.Parse(words[1], System.Globalization.CultureInfo.InvariantCulture);
            int gap = int.Parse(words[2], System.Globalization.CultureInfo.InvariantCulture);
            for (int i = 0; i < count; i++)
            {
                string result = await CallAsync(chat);
                output.Line("call " + i + " " + result);
                if (result.StartsWith("answered", StringComparison.Ordinal))
                {
                    answered++;
                }
                else
                {
                    failed++;
                }

                await Task.Delay(gap);
            }

            output.Line($"done {answered} {failed}");
            break;
        case "quit":
            fleet?.Dispose();
            return;
    }
}

static async Task<string> CallAsync(IChatProvider chat)
{
    try
    {
        ChatReply reply = await chat.CompleteAsync(new ChatRequest("hello"));
        return "answered " + reply.Model;
    }
    catch (Exception ex)
    {
        return "failed " + ex.GetType().Name + ": " + ex.Message.Replace('\n', ' ');
    }
}

/// <summary>Lines to stdout, whole and in order, from any thread.</summary>
internal sealed class Output
{
    private readonly Lock _gate = new();

    public void Line(string text)
    {
        lock (_gate)
        {
            Console.Out.WriteLine(text);
            Console.Out.Flush();
        }
    }
}

/// <summary>Reports cooldowns as they open here, arrive from the fleet, or end because another instance recovered.</summary>
internal sealed class Events(Output output) : FailoverObserver
{
    public override void OnCooldownOpened(CooldownOpened e) =>
        output.Line((e.FromFleet ? "applied " : "opened ") + e.Provider + " " + Stopwatch.GetTimestamp());

    public override void OnRecovered(ProviderRecovered e) =>
        output.Line((e.FromFleet ? "recovered-fleet " : "recovered ") + e.Provider + " " + Stopwatch.GetTimestamp());
}
