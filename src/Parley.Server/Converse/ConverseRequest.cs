using System.Text.Json;
using Parley.Protocol.Payloads;

namespace Parley.Server.Converse;

/// <summary>A <c>POST /v1/converse</c> body, read (<see cref="ConverseRequestReader"/>): what Parley acts on of the SDK's <c>ConverseParams</c>.</summary>
internal sealed record ConverseRequest
{
    /// <summary>The user's words: the prompt string, or the text items of its messages.</summary>
    public required string Prompt { get; init; }

    public string? AgentId { get; init; }

    public string? ConversationId { get; init; }

    public bool Stream { get; init; }

    /// <summary>The <c>config</c> fields Parley lays over the agent's own (prompts, model, temperature, tools, knowledge).</summary>
    public JsonElement? Config { get; init; }

    /// <summary>Knowledge named by <c>input_knowledge</c> items and <c>config.knowledge_ids</c>.</summary>
    public IReadOnlyList<string> KnowledgeIds { get; init; } = [];

    /// <summary><c>secret_ids</c> and <c>input_secret</c> items.</summary>
    public IReadOnlyList<string> SecretIds { get; init; } = [];

    public UserInfo? User { get; init; }

    /// <summary>False: no tool call events in a stream (<c>include_steps</c>).</summary>
    public bool IncludeSteps { get; init; } = true;

    /// <summary>False: no citations (<c>generate_citations</c>).</summary>
    public bool GenerateCitations { get; init; } = true;
}
