using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ChatFailover.FakeProviders;
using Microsoft.AspNetCore.Http;

namespace FailoverGen.IntegrationTests;

/// <summary>
/// A provider that answers 200 and then sends an error event as the first thing in its stream (Anthropic's
/// <c>event: error</c> with <c>overloaded_error</c>): a streaming client that checks each event with
/// <see cref="ProviderErrors.ThrowIfStreamError"/> fails over before its first item, over real HTTP.
/// </summary>
public sealed class StreamErrorEventTests
{
    public interface IStreamingChat
    {
        IAsyncEnumerable<string> StreamAsync(string prompt, CancellationToken cancellationToken);
    }

    /// <summary>Reads an SSE stream event by event, as hand-written streaming clients do.</summary>
    private sealed class SseChatClient(HttpClient http) : IStreamingChat
    {
        public async IAsyncEnumerable<string> StreamAsync(string prompt, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            using HttpResponseMessage response = await http.GetAsync("v1/messages", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            await response.EnsureProviderSuccessAsync(cancellationToken);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
            var current = new StringBuilder();
            while (await reader.ReadLineAsync(cancellationToken) is string line)
            {
                if (line.Length > 0)
                {
                    current.Append(line).Append('\n');
                    continue;
                }

                string eventText = current.ToString();
                current.Clear();
                ProviderErrors.ThrowIfStreamError(eventText);
                int data = eventText.IndexOf("data: ", StringComparison.Ordinal);
                if (data >= 0)
                {
                    using JsonDocument chunk = JsonDocument.Parse(eventText.Substring(data + 6));
                    if (chunk.RootElement.TryGetProperty("text", out JsonElement text))
                    {
                        yield return text.GetString()!;
                    }
                }
            }
        }
    }

    private static Func<HttpContext, Task> Sse(params string[] events) => async context =>
    {
        context.Response.ContentType = "text/event-stream";
        foreach (string e in events)
        {
            await context.Response.WriteAsync(e + "\n\n");
            await context.Response.Body.FlushAsync();
        }
    };

    [Fact]
    public async Task ErrorEventBeforeTheFirstItem_FailsOverToTheNextProvidersStream()
    {
        await using LoopbackProvider overloaded = await LoopbackProvider.StartAsync(
            Sse("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
        await using LoopbackProvider healthy = await LoopbackProvider.StartAsync(
            Sse("event: delta\ndata: {\"text\":\"Hello\"}", "event: delta\ndata: {\"text\":\" world\"}"));
        using var first = new HttpClient { BaseAddress = overloaded.BaseAddress };
        using var second = new HttpClient { BaseAddress = healthy.BaseAddress };
        var attempts = new List<FailoverAttempt>();
        FallbackChain<IStreamingChat> chain = FallbackChain.Create<IStreamingChat>()
            .Add("anthropic", new SseChatClient(first))
            .Add("openai", new SseChatClient(second))
            .Configure(o =>
            {
                o.Retry.MaxRetryAttempts = 0;
                o.OnAttempt = attempts.Add;
            })
            .Build();

        var text = new StringBuilder();
        await foreach (string item in chain.ExecuteStreamAsync("hi", static (p, s, ct) => p.StreamAsync(s, ct), FailoverPolicy.Default))
        {
            text.Append(item);
        }

        Assert.Equal("Hello world", text.ToString());
        FailoverAttempt attempt = Assert.Single(attempts);
        Assert.Equal("anthropic", attempt.ProviderName);
        Assert.Equal(FailoverReason.Overloaded, attempt.Reason);
    }
}
