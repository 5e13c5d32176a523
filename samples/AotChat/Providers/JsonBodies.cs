using System;
using System.Buffers;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using FailoverGen;

namespace AotChat.Providers;

/// <summary>
/// The HTTP plumbing the three provider clients share. Bodies are written with <see cref="Utf8JsonWriter"/> and read
/// with <see cref="JsonDocument"/>: no reflection-based serializer, so nothing for the trimmer to lose.
/// </summary>
internal static class JsonBodies
{
    public static async Task<JsonDocument> PostAsync(HttpClient http, string path, Action<Utf8JsonWriter> writeBody, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writeBody(writer);
        }

        using var content = new ReadOnlyMemoryContent(buffer.WrittenMemory);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using HttpResponseMessage response = await http.PostAsync(path, content, cancellationToken);

        // Not EnsureSuccessStatusCode(): that would throw away the error body and the retry headers.
        await response.EnsureProviderSuccessAsync(cancellationToken);
        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
    }
}
