using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using OpenAI;

namespace FailoverGen.Benchmarks.Peers;

/// <summary>
/// The OpenAI SDK's chat client, through Microsoft.Extensions.AI's <c>AsIChatClient()</c>, reading a streamed chat
/// completion from memory: each item is a server-sent event parsed from JSON into an update, as with a real endpoint,
/// without the network. The chunks follow the format of a recorded gpt-4o-mini stream (dotnet/extensions,
/// test/Libraries/Microsoft.Extensions.AI.OpenAI.Tests/OpenAIChatClientTests.cs): a role chunk, one chunk per token,
/// a finish chunk, a usage chunk and <c>[DONE]</c>.
/// </summary>
public static class OpenAiStreamingClient
{
    private const string Prefix = "data: {\"id\":\"chatcmpl-ADxFKtX6xIwdWRN42QvBj2u1RZpCK\",\"object\":\"chat.completion.chunk\",\"created\":1727889370,"
        + "\"model\":\"gpt-4o-mini-2024-07-18\",\"system_fingerprint\":\"fp_f85bea6784\",";

    public static IChatClient Create(int tokens)
    {
        var body = new StringBuilder();
        body.Append(Prefix).Append("\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n");
        for (int i = 0; i < tokens - 3; i++)
        {
            body.Append(Prefix).Append("\"choices\":[{\"index\":0,\"delta\":{\"content\":\" token").Append(i)
                .Append("\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n");
        }

        body.Append(Prefix).Append("\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":null}\n\n");
        body.Append(Prefix).Append("\"choices\":[],\"usage\":{\"prompt_tokens\":8,\"completion_tokens\":").Append(tokens - 3)
            .Append(",\"total_tokens\":").Append(tokens + 5).Append("}}\n\n");
        body.Append("data: [DONE]\n\n");

        var options = new OpenAIClientOptions
        {
            Endpoint = new Uri("http://localhost/v1"),
            Transport = new HttpClientPipelineTransport(new HttpClient(new RecordedStream(Encoding.UTF8.GetBytes(body.ToString())))),
        };
        return new OpenAIClient(new ApiKeyCredential("not-used"), options).GetChatClient("gpt-4o-mini").AsIChatClient();
    }

    /// <summary>Answers every request with the same event stream, at once.</summary>
    private sealed class RecordedStream : HttpMessageHandler
    {
        private readonly byte[] _body;

        public RecordedStream(byte[] body)
        {
            _body = body;
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new ByteArrayContent(_body);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/event-stream");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }
}
