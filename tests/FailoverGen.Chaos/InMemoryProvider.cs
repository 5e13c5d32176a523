using System;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace FailoverGen.Chaos;

/// <summary>A provider in this process that fails the way <see cref="FaultyBehaviour"/> says, with real awaits for latency and hangs.</summary>
public sealed class InMemoryProvider : IChaosProvider
{
    private readonly string _name;

    public InMemoryProvider(string name, FaultyBehaviour behaviour)
    {
        _name = name;
        Behaviour = behaviour;
    }

    public FaultyBehaviour Behaviour { get; }

    public async Task<string> CompleteAsync(string prompt, CancellationToken cancellationToken)
    {
        Fault fault = Behaviour.Next(out TimeSpan hint, out TimeSpan latency);
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, cancellationToken).ConfigureAwait(false);
        }

        int seconds = (int)Math.Ceiling(hint.TotalSeconds);
        switch (fault)
        {
            case Fault.Success:
            case Fault.SlowSuccess:
                return _name;
            case Fault.RateLimitWithHint:
                throw new ProviderException("Rate limit reached", statusCode: 429, errorCode: "rate_limit_exceeded", retryAfter: TimeSpan.FromSeconds(seconds));
            case Fault.RateLimitWithoutHint:
                throw new ProviderException("Rate limit reached", statusCode: 429, errorCode: "rate_limit_exceeded");
            case Fault.Quota:
                throw new ProviderException("You exceeded your current quota", statusCode: 429, errorCode: "insufficient_quota", retryAfter: TimeSpan.FromSeconds(seconds));
            case Fault.ServiceUnavailable:
                throw new ProviderException("Service Unavailable", statusCode: 503);
            case Fault.Overloaded:
                throw new ProviderException("Overloaded", statusCode: 529, errorType: "overloaded_error");
            case Fault.InternalError:
                throw new ProviderException("Internal server error", statusCode: 500, errorType: "api_error");
            case Fault.Hang:
            case Fault.StalledErrorBody:
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                return _name;
            case Fault.ConnectionReset:
                throw new HttpRequestException("An error occurred while sending the request.", new IOException("Connection reset by peer"));
            case Fault.MalformedBody:
                throw new JsonException("'<' is an invalid start of a value. LineNumber: 0 | BytePositionInLine: 0.");
            case Fault.BadRequest:
                throw new ProviderException("Invalid 'messages': empty array", statusCode: 400, errorType: "invalid_request_error");
            default:
                throw new InvalidOperationException("Something no rule recognises");
        }
    }
}
