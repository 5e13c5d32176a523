using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace FailoverGen;

/// <summary>Turns a failed HTTP response into a <see cref="ProviderException"/> that keeps what failover needs.</summary>
public static class ProviderResponseExtensions
{
    /// <summary>The most characters of an error body that are read and kept.</summary>
    public const int MaxBodyChars = 32 * 1024;

    /// <summary>
    /// Use instead of <c>EnsureSuccessStatusCode()</c>: on a non-success status, reads the body (up to
    /// <see cref="MaxBodyChars"/>) and headers once and throws a <see cref="ProviderException"/> with the
    /// status, the provider's error type and code, its message, the retry hint and the body.
    /// </summary>
    /// <param name="response">The provider's response.</param>
    /// <param name="cancellationToken">Cancels reading the body.</param>
    public static async Task EnsureProviderSuccessAsync(this HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        if (response is null)
        {
            throw new ArgumentNullException(nameof(response));
        }

        if (response.IsSuccessStatusCode)
        {
            return;
        }

        string body = await ReadBoundedAsync(response, cancellationToken).ConfigureAwait(false);
        throw CreateException(response, body);
    }

    private static ProviderException CreateException(HttpResponseMessage response, string body)
    {
        var headers = new List<KeyValuePair<string, string>>();
        foreach (KeyValuePair<string, IEnumerable<string>> header in response.Headers)
        {
            foreach (string value in header.Value)
            {
                headers.Add(new KeyValuePair<string, string>(header.Key, value));
            }
        }

        return ProviderErrors.FromResponse((int)response.StatusCode, headers, body, response.ReasonPhrase);
    }

    /// <summary>
    /// Reads at most <see cref="MaxBodyChars"/> characters of the body. Every read honours
    /// <paramref name="cancellationToken"/>: a provider that sends its headers and then trickles or withholds the
    /// error body must not hold the call past its deadline or the caller's cancellation.
    /// </summary>
    private static async Task<string> ReadBoundedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content is null)
        {
            return string.Empty;
        }

        // Disposing the response aborts a read on any platform, including those whose streams ignore the token.
        using CancellationTokenRegistration abort = cancellationToken.Register(static r => ((HttpResponseMessage)r!).Dispose(), response);
        try
        {
#if NET
            using Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
            using Stream stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
            Decoder decoder = Encoding.UTF8.GetDecoder();
            byte[] bytes = new byte[4096];
            char[] chars = new char[MaxBodyChars + Encoding.UTF8.GetMaxCharCount(bytes.Length)];
            int total = 0;
            int read;
            while (total < MaxBodyChars && (read = await stream.ReadAsync(bytes, 0, bytes.Length, cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += decoder.GetChars(bytes, 0, read, chars, total, flush: false);
            }

            return TextLimits.Truncate(new string(chars, 0, total), MaxBodyChars);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is not OperationCanceledException)
        {
            throw new OperationCanceledException("Reading the error body was canceled.", ex, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is IOException or HttpRequestException or ObjectDisposedException)
        {
            // The status code is the evidence that matters; a body that breaks off mid-read adds nothing.
            return string.Empty;
        }
    }
}
