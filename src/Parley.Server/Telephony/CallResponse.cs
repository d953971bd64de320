using Parley.Storage.Telephony;

namespace Parley.Server.Telephony;

/// <summary>A phone call as the API shows it (Parley's addition to the Datagrid API).</summary>
internal sealed record CallResponse(
    string Id, string Direction, string Carrier, string? CarrierCallId, string From, string To, string? AgentId, string Status, string? Error,
    string? ConversationId, string? MessageId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? EndedAt)
{
    public string Object => "call";

    public static CallResponse Of(CallRecord c)
        => new(c.Id, c.Direction, c.Carrier, c.CarrierCallId, c.From, c.To, c.AgentId, c.Status, c.Error, c.ConversationId, c.MessageId, c.CreatedAt, c.UpdatedAt, c.EndedAt);
}
