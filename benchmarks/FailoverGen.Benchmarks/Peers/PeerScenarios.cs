using System.Collections.Generic;
using System.Net;
using Microsoft.Extensions.AI;

namespace FailoverGen.Benchmarks.Peers;

/// <summary>Both clients healthy: the path every call takes.</summary>
public class Peers1HappyPath : PeerScenario
{
    protected override IReadOnlyList<IChatClient> CreateClients() => new[] { new FakeChatClient("primary"), new FakeChatClient("fallback") };
}

/// <summary>
/// The primary fails with a 503 on every call and the fallback answers. FailoverGen is set to call the primary every
/// time as the others do (no retry, and no cooldown however many calls fail), so the same work is compared.
/// </summary>
public class Peers2OneFailover : PeerScenario
{
    protected override IReadOnlyList<IChatClient> CreateClients() =>
        new[] { new FakeChatClient("primary", HttpStatusCode.ServiceUnavailable), new FakeChatClient("fallback") };

    protected override void ConfigureFailoverGen(FallbackChainOptions options) => NeverCool(options);

    internal static void NeverCool(FallbackChainOptions options)
    {
        options.Retry.MaxRetryAttempts = 0;
        options.Cooldowns.MinimumThroughput = int.MaxValue;
    }
}

/// <summary>
/// The primary answers every call with a 429. FailoverGen's defaults apply: the first 429 cools the primary, and later
/// calls skip it; the others call it every time.
/// </summary>
public class Peers3SustainedRateLimit : PeerScenario
{
    protected override IReadOnlyList<IChatClient> CreateClients() =>
        new[] { new FakeChatClient("primary", (HttpStatusCode)429), new FakeChatClient("fallback") };
}

/// <summary>Three clients, all failing with a 503: each contender tries all three and throws its own error.</summary>
public class Peers4AllFailing : PeerScenario
{
    protected override IReadOnlyList<IChatClient> CreateClients() => new[]
    {
        new FakeChatClient("first", HttpStatusCode.ServiceUnavailable),
        new FakeChatClient("second", HttpStatusCode.ServiceUnavailable),
        new FakeChatClient("third", HttpStatusCode.ServiceUnavailable),
    };

    protected override void ConfigureFailoverGen(FallbackChainOptions options) => Peers2OneFailover.NeverCool(options);
}
