using Microsoft.Extensions.AI;
using Parley.Agents.Embedded;

namespace Parley.Agents.Providers;

/// <summary>Every agent answers with the embedded, offline chat client: the default when no provider is configured.</summary>
public sealed class EmbeddedChatClients(TimeProvider timeProvider) : IAgentChatClients
{
    public IChatClient Create(string? llmModel) => new EmbeddedChatClient(timeProvider);
}
