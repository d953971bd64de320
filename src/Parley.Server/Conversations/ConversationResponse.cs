using Parley.Storage.Conversations;

namespace Parley.Server.Conversations;

/// <summary>A conversation as the API shows it.</summary>
internal sealed record ConversationResponse(string Id, string? Name, IReadOnlyList<string> AgentIds, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public string Object => "conversation";

    public static ConversationResponse From(ConversationRecord c) => new(c.Id, c.Name, c.AgentIds, c.CreatedAt, c.UpdatedAt);
}
