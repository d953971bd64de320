using Microsoft.Extensions.AI;

namespace Parley.Agents.Providers;

/// <summary>Finds the chat client for an agent's <c>llm_model</c>: a configured provider's, or the server's default.</summary>
public interface IAgentChatClients
{
    /// <summary>A chat client for <paramref name="llmModel"/> (null or unknown: the default provider).</summary>
    Microsoft.Extensions.AI.IChatClient Create(string? llmModel);
}
