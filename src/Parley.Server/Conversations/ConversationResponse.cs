using System.Text.Json.Serialization;
using Parley.Storage.Conversations;

namespace Parley.Server.Conversations;

/// <summary>A conversation as the API shows it; an unnamed one has no <c>name</c> (the SDK types it <c>name?: string</c>).</summary>
internal sealed record ConversationResponse(string Id, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name, IReadOnlyList<string> AgentIds, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public string Object => "conversation";

    public static ConversationResponse From(ConversationRecord c) => new(c.Id, c.Name, c.AgentIds, c.CreatedAt, c.UpdatedAt);
}
