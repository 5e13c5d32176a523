using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using AotChat;
using ChatFailover.FakeProviders;
using AotChat.Providers;
using FailoverGen;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// The same failover story as samples/ChatFailover, published as a Native AOT binary. It checks what happened and
// exits 1 if anything differs from the expected story, so CI can run the binary as a test of the AOT build.
Console.OutputEncoding = Encoding.UTF8;

const string Gemini = "google/gemini-2.5-flash";
const string Claude = "anthropic/claude-haiku-4-5";
const string Gpt = "openai/gpt-4o-mini";
const string OpenAiAnswer = "Failover keeps your agent answering while one provider is down.";

await using LoopbackProvider gemini = await LoopbackProvider.StartAsync(ProviderReplies.GeminiRateLimited);
await using LoopbackProvider anthropic = await LoopbackProvider.StartAsync(ProviderReplies.AnthropicOverloaded);
await using LoopbackProvider openai = await LoopbackProvider.StartAsync(ProviderReplies.OpenAiSuccess);

using var geminiHttp = new HttpClient { BaseAddress = gemini.BaseAddress };
using var anthropicHttp = new HttpClient { BaseAddress = anthropic.BaseAddress };
using var openaiHttp = new HttpClient { BaseAddress = openai.BaseAddress };

var problems = new List<string>();

Console.WriteLine("Fake providers on loopback:");
Console.WriteLine($"  {Gemini,-28}{gemini.BaseAddress}  429 RESOURCE_EXHAUSTED, retryDelay 26s");
Console.WriteLine($"  {Claude,-28}{anthropic.BaseAddress}  529 overloaded_error");
Console.WriteLine($"  {Gpt,-28}{openai.BaseAddress}  200 OK");

Console.WriteLine();
Console.WriteLine("Scenario 1: the primary is rate limited, the second overloaded, the third healthy");
var attempts = new List<FailoverAttempt>();
FailoverSwitch? switched = null;
IChatProvider chat = CreateChat(attempts, s => switched = s);
try
{
    string reply = await chat.CompleteAsync("Why does failover matter?");
    Console.WriteLine($"  Reply: {reply}");
    Expect(reply == OpenAiAnswer, $"the reply is {Gpt}'s answer");
    Expect(switched?.ProviderName == Gpt, $"the switch went to {Gpt}");
    Expect(
        string.Join(", ", attempts.Select(a => $"{a.ProviderName} {a.StatusCode}")) == $"{Gemini} 429, {Claude} 529",
        $"{Gemini} (429) then {Claude} (529) were passed over");
    Expect(attempts.Count > 0 && attempts[0].RetryAfter == TimeSpan.FromSeconds(26), "Gemini's retryDelay of 26 s was read from the error body");
    Expect(attempts.Count > 1 && attempts[1].Reason == FailoverReason.Overloaded, "Anthropic's 529 was classified as overloaded");
}
catch (Exception ex)
{
    Console.WriteLine($"  {ex.GetType().Name}: {ex.Message}");
    Expect(false, $"the call succeeds on {Gpt}");
}

Console.WriteLine();
Console.WriteLine("Scenario 2: the healthy provider gets rate limited too, so every provider fails");
openai.Reply = ProviderReplies.OpenAiRateLimited;
(int Gemini, int Claude, int Gpt) before = (gemini.Requests, anthropic.Requests, openai.Requests);

// A new chain, so that nobody is cooling down from scenario 1 and every provider really gets a request.
chat = CreateChat(new List<FailoverAttempt>(), _ => { });
try
{
    string reply = await chat.CompleteAsync("And now?");
    Console.WriteLine($"  Reply: {reply}");
    Expect(false, "the call ends in FallbackChainExhaustedException");
}
catch (FallbackChainExhaustedException exhausted)
{
    Console.WriteLine($"  {exhausted.GetType().Name}: {exhausted.Message}");
    Expect(
        exhausted.Message.Contains(Gemini, StringComparison.Ordinal)
            && exhausted.Message.Contains(Claude, StringComparison.Ordinal)
            && exhausted.Message.Contains(Gpt, StringComparison.Ordinal),
        "the message names all three providers");
    Expect(exhausted.Attempts.Count == 3 && exhausted.Attempts.All(a => !a.WasSkipped), "all three providers were tried, none skipped");
    Expect(exhausted.InnerExceptions.Count == 3 && exhausted.InnerExceptions.All(e => e is ProviderException), "each provider's ProviderException is kept");
    Expect(
        gemini.Requests > before.Gemini && anthropic.Requests > before.Claude && openai.Requests > before.Gpt,
        "each fake provider received a request");
}
catch (Exception ex)
{
    Console.WriteLine($"  {ex.GetType().Name}: {ex.Message}");
    Expect(false, "the call ends in FallbackChainExhaustedException");
}

Console.WriteLine();
Console.WriteLine("Scenario 3: the order comes from appsettings-style JSON through dependency injection");
openai.Reply = ProviderReplies.OpenAiSuccess;
before = (gemini.Requests, anthropic.Requests, openai.Requests);
const string Settings = $$"""
    { "Failover": { "Order": [ "{{Gpt}}", "{{Claude}}" ], "Retry": { "MaxRetryAttempts": 0 } } }
    """;
IConfiguration configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(Settings))).Build();
var services = new ServiceCollection();

// Generated with ChatProviderFailover: binds the chain's settings (AOT-safe), checks them at start-up, follows reloads.
services.AddChatProviderFailover(configuration.GetSection("Failover"), (_, chain) => chain
    .Add(Gemini, new GeminiClient(geminiHttp, "gemini-2.5-flash"))
    .Add(Claude, new AnthropicClient(anthropicHttp, "claude-haiku-4-5"))
    .Add(Gpt, new OpenAiClient(openaiHttp, "gpt-4o-mini")));
await using (ServiceProvider container = services.BuildServiceProvider())
{
    try
    {
        string reply = await container.GetRequiredService<IChatProvider>().CompleteAsync("Who answers first now?");
        Console.WriteLine($"  Reply: {reply}");
        Expect(reply == OpenAiAnswer, $"{Gpt}, first in the configured order, answers");
        Expect(gemini.Requests == before.Gemini && anthropic.Requests == before.Claude, $"{Gemini}, left out of the order, and {Claude} got no request");
    }
    catch (Exception ex)
    {
        Console.WriteLine($"  {ex.GetType().Name}: {ex.Message}");
        Expect(false, $"the call succeeds on {Gpt}");
    }
}

Console.WriteLine();
Console.WriteLine($"Requests sent: gemini {gemini.Requests}, anthropic {anthropic.Requests}, openai {openai.Requests}");
if (problems.Count > 0)
{
    Console.WriteLine($"FAILED: {string.Join("; ", problems)}");
    return 1;
}

Console.WriteLine("OK: all three scenarios behaved as expected");
return 0;

IChatProvider CreateChat(List<FailoverAttempt> passedOver, Action<FailoverSwitch> onSwitched) =>

    // ChatProviderFailover is generated by FailoverGen from [FallbackChain] on IChatProvider.
    new ChatProviderFailover(FallbackChain.Create<IChatProvider>()
        .Add(Gemini, new GeminiClient(geminiHttp, "gemini-2.5-flash"))
        .Add(Claude, new AnthropicClient(anthropicHttp, "claude-haiku-4-5"))
        .Add(Gpt, new OpenAiClient(openaiHttp, "gpt-4o-mini"))
        .Configure(options =>
        {
            options.Retry.Delay = TimeSpan.FromMilliseconds(100);

            // A bug must end the run, not hang CI.
            options.TotalRequestTimeout = TimeSpan.FromSeconds(30);
            options.OnAttempt = attempt =>
            {
                passedOver.Add(attempt);
                Console.WriteLine((attempt.WasSkipped ? "  \u21B7 " : "  \u2717 ") + attempt);
            };
            options.OnSwitched = change =>
            {
                onSwitched(change);
                Console.WriteLine("  " + change);
            };
        })
        .Build());

void Expect(bool condition, string expectation)
{
    if (!condition)
    {
        problems.Add(expectation);
    }
}
