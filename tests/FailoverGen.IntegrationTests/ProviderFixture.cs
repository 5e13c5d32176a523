using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading.Tasks;
using ChatFailover;
using ChatFailover.FakeProviders;
using ChatFailover.Providers;
using FailoverGen;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace FailoverGen.IntegrationTests;

/// <summary>Three loopback providers, real HTTP clients and a generated wrapper over them, on a fake clock.</summary>
internal sealed class ProviderFixture : IAsyncDisposable
{
    private readonly List<HttpClient> _clients = new();

    private ProviderFixture(LoopbackProvider gemini, LoopbackProvider anthropic, LoopbackProvider openai)
    {
        Gemini = gemini;
        Anthropic = anthropic;
        OpenAi = openai;
    }

    public LoopbackProvider Gemini { get; }

    public LoopbackProvider Anthropic { get; }

    public LoopbackProvider OpenAi { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public List<FailoverAttempt> Attempts { get; } = new();

    public static async Task<ProviderFixture> StartAsync(
        Func<HttpContext, Task> gemini,
        Func<HttpContext, Task> anthropic,
        Func<HttpContext, Task> openai) =>
        new(await LoopbackProvider.StartAsync(gemini), await LoopbackProvider.StartAsync(anthropic), await LoopbackProvider.StartAsync(openai));

    /// <summary>The generated wrapper over Gemini → Anthropic → OpenAI. Retries wait zero time so no test sleeps.</summary>
    public IChatProvider CreateWrapper(Uri? geminiAddress = null) =>
        new ChatProviderFailover(FallbackChain.Create<IChatProvider>()
            .Add("google/gemini-2.5-flash", new GeminiClient(Client(geminiAddress ?? Gemini.BaseAddress), "gemini-2.5-flash"))
            .Add("anthropic/claude-haiku-4-5", new AnthropicClient(Client(Anthropic.BaseAddress), "claude-haiku-4-5"))
            .Add("openai/gpt-4o-mini", new OpenAiClient(Client(OpenAi.BaseAddress), "gpt-4o-mini"))
            .WithTimeProvider(Time)
            .Configure(options =>
            {
                options.Retry.Delay = TimeSpan.Zero;
                options.Retry.MaxDelay = TimeSpan.Zero;
                options.OnAttempt = attempt =>
                {
                    lock (Attempts)
                    {
                        Attempts.Add(attempt);
                    }
                };
            })
            .Build());

    public async ValueTask DisposeAsync()
    {
        foreach (HttpClient client in _clients)
        {
            client.Dispose();
        }

        await Gemini.DisposeAsync();
        await Anthropic.DisposeAsync();
        await OpenAi.DisposeAsync();
    }

    private HttpClient Client(Uri address)
    {
        var client = new HttpClient { BaseAddress = address };
        _clients.Add(client);
        return client;
    }
}
