using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChatFailover.FakeProviders;

/// <summary>
/// A fake provider: a real HTTP server on 127.0.0.1 with an ephemeral port, answering every request with
/// whatever <see cref="Reply"/> currently writes. Nothing leaves the machine and no API key is needed.
/// </summary>
public sealed class LoopbackProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    private LoopbackProvider(WebApplication app, Func<HttpContext, Task> reply)
    {
        _app = app;
        Reply = reply;
    }

    /// <summary>Where the provider listens, ending in a slash.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Writes the response to each request; swap it to change how the provider behaves.</summary>
    public Func<HttpContext, Task> Reply { get; set; }

    /// <summary>Requests received so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public static async Task<LoopbackProvider> StartAsync(Func<HttpContext, Task> reply)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        WebApplication app = builder.Build();
        var provider = new LoopbackProvider(app, reply);
        app.Run(context =>
        {
            Interlocked.Increment(ref provider._requests);
            return provider.Reply(context);
        });
        await app.StartAsync();
        provider.BaseAddress = new Uri(app.Urls.First() + "/");
        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
