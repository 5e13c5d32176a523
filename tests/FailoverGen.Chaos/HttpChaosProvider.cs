using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace FailoverGen.Chaos;

/// <summary>
/// A provider client as users write them: a real <see cref="HttpClient"/>, <c>EnsureProviderSuccessAsync</c> on
/// failure, then the JSON answer. Every other client reads with <see cref="HttpCompletionOption.ResponseHeadersRead"/>,
/// so error bodies are read from the network under the call's token.
/// </summary>
public sealed class HttpChaosProvider : IChaosProvider
{
    private readonly HttpClient _http;
    private readonly string _path;
    private readonly HttpCompletionOption _completion;

    public HttpChaosProvider(HttpClient http, int index, bool headersRead)
    {
        _http = http;
        _path = index + "/v1/chat/completions";
        _completion = headersRead ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead;
    }

    public async Task<string> CompleteAsync(string prompt, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _path)
        {
            Content = new StringContent("{\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}", Encoding.UTF8, "application/json"),
        };
        using HttpResponseMessage response = await _http.SendAsync(request, _completion, cancellationToken).ConfigureAwait(false);
        await response.EnsureProviderSuccessAsync(cancellationToken).ConfigureAwait(false);
        using JsonDocument answer = await JsonDocument.ParseAsync(
            await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
        return answer.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString() ?? string.Empty;
    }
}
