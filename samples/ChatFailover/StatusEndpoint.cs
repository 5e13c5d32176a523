using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using FailoverGen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatFailover;

/// <summary>
/// <c>/status</c>: ASP.NET Core's health check endpoint, answering with every chain's per-provider health as JSON.
/// Written with Utf8JsonWriter, so it needs no reflection and works under Native AOT.
/// </summary>
public static class StatusEndpoint
{
    public static IEndpointConventionBuilder MapFailoverStatus(this IEndpointRouteBuilder endpoints, string pattern = "/status") =>
        endpoints.MapHealthChecks(pattern, new HealthCheckOptions
        {
            ResponseWriter = WriteAsync,
            // A degraded chain still answers calls; only a chain with no provider left is reported as 503.
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });

    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("status", report.Status.ToString());
            json.WriteStartObject("chains");
            foreach (KeyValuePair<string, HealthReportEntry> entry in report.Entries)
            {
                json.WriteStartObject(entry.Key);
                json.WriteString("status", entry.Value.Status.ToString());
                json.WriteString("description", entry.Value.Description);
                json.WriteStartArray("providers");
                foreach (object value in entry.Value.Data.Values)
                {
                    if (value is ProviderHealth provider)
                    {
                        Write(json, provider);
                    }
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(context.Response.Body);
    }

    private static void Write(Utf8JsonWriter json, ProviderHealth provider)
    {
        json.WriteStartObject();
        json.WriteString("name", provider.Name);
        json.WriteString("state", provider.State.ToString());
        WriteOptional(json, "coolingUntil", provider.CoolingUntil);
        if (provider.CooldownReason is FailoverReason reason)
        {
            json.WriteString("cooldownReason", reason.ToString());
        }

        json.WriteBoolean("degraded", provider.IsDegraded);
        json.WriteNumber("successes", provider.Successes);
        json.WriteNumber("failures", provider.Failures);
        json.WriteNumber("failureRate", Math.Round(provider.FailureRate, 3));
        json.WriteNumber("consecutiveFailures", provider.ConsecutiveFailures);
        WriteMilliseconds(json, "latencyMs", provider.Latency);
        WriteMilliseconds(json, "p50Ms", provider.LatencyP50);
        WriteMilliseconds(json, "p95Ms", provider.LatencyP95);
        WriteMilliseconds(json, "baselineMs", provider.BaselineLatency);
        if (provider.LastFailureReason is FailoverReason last)
        {
            json.WriteString("lastFailure", last.ToString());
        }

        WriteOptional(json, "lastFailureAt", provider.LastFailureAt);
        json.WriteEndObject();
    }

    private static void WriteMilliseconds(Utf8JsonWriter json, string name, TimeSpan? value)
    {
        if (value is TimeSpan duration)
        {
            json.WriteNumber(name, Math.Round(duration.TotalMilliseconds, 1));
        }
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, DateTimeOffset? value)
    {
        if (value is DateTimeOffset at)
        {
            json.WriteString(name, at);
        }
    }
}
