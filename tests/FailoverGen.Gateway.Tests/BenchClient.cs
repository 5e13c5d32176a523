using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace FailoverGen.Gateway.Tests;

/// <summary>
/// A client that reads the gateway's answers the way Failover Bench's careful client does (its published rules): an
/// HTTP error is an error; a stream is read to <c>[DONE]</c> or its clean end; invalid event lines are skipped; an event
/// with an <c>error</c> field is an error, never a truncated success; the model reported is the last chunk's, and the
/// usage any chunk's.
/// </summary>
internal sealed class BenchClient(HttpClient http)
{
    public const string Prompt = "Explain in exactly sixty words why a gateway earns trust only when the provider behind it misbehaves.";

    public async Task<BenchResult> CallAsync(string model, string? fallback, bool stream, TimeSpan limit)
    {
        var started = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions");
        if (fallback is not null)
        {
            request.Headers.Add("x-fallback-model", fallback);
        }

        var body = new Dictionary<string, object> { ["model"] = model, ["messages"] = new[] { new { role = "user", content = Prompt } } };
        if (stream)
        {
            body["stream"] = true;
            body["stream_options"] = new { include_usage = true };
        }

        request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if ((int)response.StatusCode != 200)
            {
                string error = await response.Content.ReadAsStringAsync(timeout.Token);
                return new BenchResult(false, false, (int)response.StatusCode, error, string.Empty, null, null, started.Elapsed);
            }

            if (!stream)
            {
                using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(timeout.Token));
                string content = json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString() ?? string.Empty;
                return new BenchResult(true, false, 200, null, content, json.RootElement.GetProperty("model").GetString(), json.RootElement.TryGetProperty("usage", out JsonElement u) ? u.GetRawText() : null, started.Elapsed);
            }

            var text = new StringBuilder();
            string? reported = null;
            string? usage = null;
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
            while (await reader.ReadLineAsync(timeout.Token) is string line)
            {
                if (!line.StartsWith("data:", StringComparison.Ordinal))
                {
                    continue;
                }

                string data = line[5..].Trim();
                if (data == "[DONE]")
                {
                    break;
                }

                JsonDocument chunk;
                try
                {
                    chunk = JsonDocument.Parse(data);
                }
                catch (JsonException)
                {
                    continue;
                }

                using (chunk)
                {
                    if (chunk.RootElement.TryGetProperty("error", out JsonElement error) && error.ValueKind == JsonValueKind.Object)
                    {
                        return new BenchResult(false, false, 200, "in-band error: " + error.GetRawText(), text.ToString(), reported, usage, started.Elapsed);
                    }

                    reported = chunk.RootElement.TryGetProperty("model", out JsonElement m) ? m.GetString() : reported;
                    if (chunk.RootElement.TryGetProperty("usage", out JsonElement u) && u.ValueKind == JsonValueKind.Object)
                    {
                        usage = u.GetRawText();
                    }

                    foreach (JsonElement choice in chunk.RootElement.GetProperty("choices").EnumerateArray())
                    {
                        if (choice.TryGetProperty("delta", out JsonElement delta) && delta.TryGetProperty("content", out JsonElement piece) && piece.GetString() is { Length: > 0 } value)
                        {
                            text.Append(value);
                        }
                    }
                }
            }

            return new BenchResult(true, false, 200, null, text.ToString(), reported, usage, started.Elapsed);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return new BenchResult(false, true, null, "hang", string.Empty, null, null, started.Elapsed);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return new BenchResult(false, false, null, ex.GetType().Name + ": " + ex.Message, string.Empty, null, null, started.Elapsed);
        }
    }
}

/// <summary>One call's outcome, as the checks read it.</summary>
internal sealed record BenchResult(bool Ok, bool Hang, int? Status, string? Error, string Content, string? ReportedModel, string? Usage, TimeSpan Elapsed)
{
    /// <summary>The answer is the canonical sixty words, whitespace aside.</summary>
    public bool Complete => string.Join(' ', Content.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)) == FaultWall.Answer;

    public int Words => Content.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>A success whose answer is not complete: the one outcome no scenario accepts.</summary>
    public bool TruncatedSuccess => Ok && !Complete;

    public override string ToString() => $"ok={Ok} hang={Hang} status={Status} words={Words} model={ReportedModel} in {Elapsed.TotalSeconds:F1}s error={Error}";
}
