using System.ClientModel;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Models.Messages;
using OpenAI.Chat;

namespace FailoverGen.IntegrationTests;

/// <summary>A chat model behind an official SDK client. The generator sees the SDKs referenced and classifies their exceptions.</summary>
[FallbackChain]
public interface IAssistant
{
    Task<string> AskAsync(string prompt, CancellationToken cancellationToken = default);
}

/// <summary>The official OpenAI client.</summary>
public sealed class OpenAiAssistant(ChatClient client) : IAssistant
{
    public async Task<string> AskAsync(string prompt, CancellationToken cancellationToken = default)
    {
        ClientResult<ChatCompletion> result = await client.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(prompt) }, cancellationToken: cancellationToken);
        return result.Value.Content[0].Text;
    }
}

/// <summary>The official Anthropic client.</summary>
public sealed class AnthropicAssistant(AnthropicClient client, string model) : IAssistant
{
    public async Task<string> AskAsync(string prompt, CancellationToken cancellationToken = default)
    {
        Message message = await client.Messages.Create(
            new MessageCreateParams { Model = model, MaxTokens = 256, Messages = [new UserMessageParam(prompt)] },
            cancellationToken);
        var text = new StringBuilder();
        foreach (ContentBlock block in message.Content)
        {
            if (block.TryPickText(out TextBlock? part))
            {
                text.Append(part.Text);
            }
        }

        return text.ToString();
    }
}
