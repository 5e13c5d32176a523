// Source: https://github.com/awaescher/OllamaSharp/blob/22915bb12ce50ef882687740967a122962f55da8/src/OllamaSharp.ModelContextProtocol/Server/McpClientTool.cs (lines 1-69)
// Licence: MIT
// Chain: ICorpusChain
// Marked: ICorpusChain added to McpClientTool so the rules treat it as a provider client
// Notes: this file was removed from OllamaSharp in d562f46 ("Drop custom MCP implementation"); the commit above is its parent.
// The project compiles with implicit usings, written out here. The file-scoped namespace is written as a block so that
// the stubs can follow. The ModelContextProtocol package (0.2.0-preview.3) types are stubbed.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Text.Json;
using ModelContextProtocol.Client;
using OllamaSharp.ModelContextProtocol.Server.Types;
using ModelContextProtocolClient = ModelContextProtocol.Client;

namespace OllamaSharp.ModelContextProtocol.Server
{

/// <summary>
/// Represents a tool to interact with an MCP server.
/// </summary>
public class McpClientTool : OllamaSharp.Models.Chat.Tool, OllamaSharp.Tools.IAsyncInvokableTool, ICorpusChain
{
	private readonly IMcpClient _client;

	/// <summary>
	/// Initializes a new instance of <see cref="McpClientTool"/> using the specified MCP tool metadata and client.
	/// </summary>
	/// <param name="mcpTool">The MCP tool definition containing name, description, and JSON schema.</param>
	/// <param name="client">The client used to invoke the underlying MCP calls.</param>
	public McpClientTool(ModelContextProtocolClient.McpClientTool mcpTool, IMcpClient client)
	{
		_client = client;

		Function = new OllamaSharp.Models.Chat.Function
		{
			Name = mcpTool.Name,
			Description = mcpTool.Description
		};

		var inputSchema = mcpTool.JsonSchema.Deserialize<JsonSchema>();
		var properties = inputSchema?.Properties;
		if (properties == null)
		{
			return;
		}

		Function.Parameters = new OllamaSharp.Models.Chat.Parameters
		{
			Type = inputSchema!.Type,
			Properties = properties.ToDictionary(kvp => kvp.Key, kvp => new OllamaSharp.Models.Chat.Property
			{
				Type = kvp.Value.Type,
				Description = kvp.Value.Description
			}),
			Required = inputSchema.Required ?? []
		};
	}

	/// <inheritdoc/>
	public async Task<object?> InvokeMethodAsync(IDictionary<string, object?>? args)
	{
		var arguments = args?.ToDictionary(a => a.Key, a => (object?)(a.Value ?? string.Empty)) ?? [];

		try
		{
			var toolresult = await _client.CallToolAsync(Function!.Name!, arguments);
			var textContent = string.Join('\n', toolresult.Content.Select(c => c.Text));

			if (toolresult.IsError)
				return "Error: " + textContent;

			return textContent;
		}
		catch (Exception ex) // judged: FG1001 — catch-all around the remote MCP call (IMcpClient.CallToolAsync) returns the message as a normal tool result, so a network failure, timeout or server error of the marked client never escapes
		{
			return ex.Message;
		}
	}
}
}

// Stubs: not from the source repository; they stand in for types the snippet uses.
public interface ICorpusChain { }


namespace OllamaSharp.ModelContextProtocol.Server.Types
{
	internal class JsonSchema
	{
		public string Type { get; set; } = "object";

		public Dictionary<string, JsonSchemaProperty>? Properties { get; set; }

		public List<string>? Required { get; set; }
	}

	internal class JsonSchemaProperty
	{
		public string Type { get; set; } = "string";

		public string? Description { get; set; }
	}
}

namespace ModelContextProtocol.Client
{
	public interface IMcpClient : IAsyncDisposable
	{
	}

	public class McpClientTool
	{
		public string Name { get; set; } = "";

		public string Description { get; set; } = "";

		public System.Text.Json.JsonElement JsonSchema { get; set; }
	}

	public class CallToolResponse
	{
		public List<Content> Content { get; set; } = [];

		public bool IsError { get; set; }
	}

	public class Content
	{
		public string? Text { get; set; }
	}

	public static class McpClientExtensions
	{
		public static Task<CallToolResponse> CallToolAsync(this IMcpClient client, string toolName, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken = default)
			=> throw new NotImplementedException();
	}
}

namespace OllamaSharp.Models.Chat
{
	public class Tool
	{
		public Function? Function { get; set; }
	}

	public class Function
	{
		public string? Name { get; set; }

		public string? Description { get; set; }

		public Parameters? Parameters { get; set; }
	}

	public class Parameters
	{
		public string? Type { get; set; }

		public Dictionary<string, Property>? Properties { get; set; }

		public IEnumerable<string>? Required { get; set; }
	}

	public class Property
	{
		public string? Type { get; set; }

		public string? Description { get; set; }
	}
}

namespace OllamaSharp.Tools
{
	public interface IAsyncInvokableTool
	{
		Task<object?> InvokeMethodAsync(IDictionary<string, object?>? args);
	}
}
