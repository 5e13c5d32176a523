using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using FailoverGen;

namespace ChatFailover.Providers;

/// <summary>The HTTP plumbing the three provider clients share.</summary>
internal static class JsonBodies
{
    public static async Task<JsonDocument> PostAsync(HttpClient http, string path, JsonNode body, CancellationToken cancellationToken)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await http.PostAsync(path, content, cancellationToken);

        // Not EnsureSuccessStatusCode(): that would throw away the error body and the retry headers.
        await response.EnsureProviderSuccessAsync(cancellationToken);
        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
    }
}
