using System;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FailoverGen.Chaos;

/// <summary>
/// One Kestrel server on 127.0.0.1 playing every provider: <c>POST /{index}/v1/chat/completions</c> answers as provider
/// <c>index</c>'s <see cref="FaultyBehaviour"/> says, with OpenAI- and Anthropic-shaped bodies, Retry-After headers,
/// connection aborts, hangs and error bodies that stall after the headers.
/// </summary>
public sealed class HttpFaultServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FaultyBehaviour[] _behaviours;
    private readonly string[] _names;

    private HttpFaultServer(WebApplication app, string[] names, FaultyBehaviour[] behaviours)
    {
        _app = app;
        _names = names;
        _behaviours = behaviours;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<HttpFaultServer> StartAsync(string[] names, FaultyBehaviour[] behaviours)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        WebApplication app = builder.Build();
        var server = new HttpFaultServer(app, names, behaviours);
        app.Run(server.AnswerAsync);
        await app.StartAsync().ConfigureAwait(false);
        server.BaseAddress = new Uri(app.Urls.First() + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task AnswerAsync(HttpContext context)
    {
        string path = context.Request.Path.Value ?? string.Empty;
        int slash = path.IndexOf('/', 1);
        int index = int.Parse(path.AsSpan(1, slash - 1), provider: null);
        CancellationToken aborted = context.RequestAborted;
        Fault fault = _behaviours[index].Next(out TimeSpan hint, out TimeSpan latency);
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, aborted).ConfigureAwait(false);
        }

        string seconds = ((int)Math.Ceiling(hint.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        switch (fault)
        {
            case Fault.Success:
            case Fault.SlowSuccess:
                await Write(context, 200, "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"" + _names[index] + "\"}}]}").ConfigureAwait(false);
                break;
            case Fault.RateLimitWithHint:
                context.Response.Headers["retry-after"] = seconds;
                await Write(context, 429, "{\"error\":{\"message\":\"Rate limit reached for requests\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}").ConfigureAwait(false);
                break;
            case Fault.RateLimitWithoutHint:
                await Write(context, 429, "{\"error\":{\"message\":\"Rate limit reached for requests\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}").ConfigureAwait(false);
                break;
            case Fault.Quota:
                context.Response.Headers["retry-after"] = seconds;
                await Write(context, 429, "{\"error\":{\"message\":\"You exceeded your current quota, please check your plan and billing details.\",\"type\":\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}}").ConfigureAwait(false);
                break;
            case Fault.ServiceUnavailable:
                await Write(context, 503, "Service Unavailable").ConfigureAwait(false);
                break;
            case Fault.Overloaded:
                await Write(context, 529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}").ConfigureAwait(false);
                break;
            case Fault.InternalError:
                await Write(context, 500, "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal server error\"}}").ConfigureAwait(false);
                break;
            case Fault.Hang:
                await HangAsync(aborted).ConfigureAwait(false);
                break;
            case Fault.StalledErrorBody:
                context.Response.StatusCode = 503;
                context.Response.ContentType = "application/json";
                await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes("{\"error\":{\"message\":\"The engine is currently overloaded"), aborted).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(aborted).ConfigureAwait(false);
                await HangAsync(aborted).ConfigureAwait(false);
                break;
            case Fault.ConnectionReset:
                context.Abort();
                break;
            case Fault.MalformedBody:
                await Write(context, 200, "<html><body>502 Bad Gateway</body></html>").ConfigureAwait(false);
                break;
            case Fault.BadRequest:
                await Write(context, 400, "{\"error\":{\"message\":\"Invalid 'messages': empty array.\",\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":\"empty_array\"}}").ConfigureAwait(false);
                break;
            default:
                // A well-formed answer of an unexpected shape: the client fails with an exception no rule knows.
                await Write(context, 200, "{\"object\":\"list\",\"data\":[]}").ConfigureAwait(false);
                break;
        }
    }

    private static async Task HangAsync(CancellationToken aborted)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, aborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client gave up: the hang has done its job.
        }
    }

    private static Task Write(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = body.StartsWith('{') ? "application/json" : "text/html";
        return context.Response.WriteAsync(body, context.RequestAborted);
    }
}
