using System;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ChatFailover.FakeProviders;
using Microsoft.AspNetCore.Http;

namespace FailoverGen.IntegrationTests;

/// <summary>
/// A provider that sends its error status and headers and then withholds the body: reading that body must end when
/// the token is cancelled, over a real connection with <see cref="HttpCompletionOption.ResponseHeadersRead"/>.
/// </summary>
public sealed class ErrorBodyCancellationTests
{
    /// <summary>Only a guard against a hung test; the read ends as soon as the token is cancelled.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(20);

    private static async Task StalledRateLimit(HttpContext context)
    {
        context.Response.StatusCode = 429;
        context.Response.ContentType = "application/json";
        context.Response.Headers["retry-after"] = "20";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes("{\"error\":{\"message\":\"Rate limit reached"));
        await context.Response.Body.FlushAsync();
        await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    [Fact]
    public async Task SlowErrorBody_ReadHonoursCancellation()
    {
        await using LoopbackProvider provider = await LoopbackProvider.StartAsync(StalledRateLimit);
        using var http = new HttpClient { BaseAddress = provider.BaseAddress };
        using HttpResponseMessage response = await http.GetAsync("v1/chat/completions", HttpCompletionOption.ResponseHeadersRead);
        using var cts = new CancellationTokenSource();

        Task read = response.EnsureProviderSuccessAsync(cts.Token);
        cts.Cancel();
        OperationCanceledException canceled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.WaitAsync(HangGuard));

        Assert.Equal(cts.Token, canceled.CancellationToken);
    }

    [Fact]
    public async Task CompleteErrorBody_StillBecomesAProviderException()
    {
        await using LoopbackProvider provider = await LoopbackProvider.StartAsync(async context =>
        {
            context.Response.StatusCode = 429;
            context.Response.Headers["retry-after"] = "20";
            await context.Response.WriteAsync("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}");
        });
        using var http = new HttpClient { BaseAddress = provider.BaseAddress };
        using HttpResponseMessage response = await http.GetAsync("v1/chat/completions", HttpCompletionOption.ResponseHeadersRead);

        ProviderException error = await Assert.ThrowsAsync<ProviderException>(() => response.EnsureProviderSuccessAsync(CancellationToken.None));

        Assert.Equal(429, error.StatusCode);
        Assert.Equal("rate_limit_exceeded", error.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(20), error.RetryAfter);
    }
}
