using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using FailoverGen;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;

namespace Gateway;

/// <summary><c>GET /status</c>: every chain the gateway has built, with each provider's state and health.</summary>
public static class GatewayStatus
{
    public static async Task WriteAsync(HttpContext context, ChainRegistry chains)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartObject("chains");
            foreach (KeyValuePair<string, FallbackChain<IChatClient>> chain in chains.Chains)
            {
                json.WriteStartArray(chain.Key);
                foreach (ProviderHealth provider in chain.Value.GetHealth().Providers)
                {
                    json.WriteStartObject();
                    json.WriteString("name", provider.Name);
                    json.WriteString("state", provider.State.ToString());
                    if (provider.CoolingUntil is DateTimeOffset until)
                    {
                        json.WriteString("coolingUntil", until);
                    }

                    if (provider.CooldownReason is FailoverReason reason)
                    {
                        json.WriteString("cooldownReason", reason.ToString());
                    }

                    json.WriteNumber("successes", provider.Successes);
                    json.WriteNumber("failures", provider.Failures);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(context.Response.Body);
    }
}
