using System.Text.Json;
using Parley.Protocol.Payloads;
using Parley.Storage.Messages;

namespace Parley.Server.Messages;

/// <summary>Builds the API's view of stored messages from their rows and timelines.</summary>
internal static class MessageView
{
    public static MessageResponse From(MessageRecord message, TimelineWindow timeline, MessageRecordings recordings)
    {
        var events = timeline.Events.Select(ToResponse).ToList();
        var citations = events.Where(e => e.Citations is not null).SelectMany(e => e.Citations!).ToList();
        return new MessageResponse
        {
            Id = message.Id,
            AgentId = message.AgentId,
            ConversationId = message.ConversationId,
            Role = message.Role,
            CreatedAt = message.CreatedAt,
            Citations = citations.Count > 0 ? citations : null,
            Credits = new MessageCredits(message.Credits),
            Content = [Content(message, events, timeline, recordings)],
        };
    }

    private static JsonElement Content(MessageRecord message, List<TimelineEventResponse> events, TimelineWindow timeline, MessageRecordings recordings)
    {
        if (message.Kind == MessageKinds.Text)
        {
            return JsonSerializer.SerializeToElement(new TextContent(message.Text ?? string.Empty), MessagesJsonContext.Default.TextContent);
        }

        var clips = recordings.ClipsOf(message.Id);
        var voice = new VoiceContent(
            Lines(events, MessageRoles.User),
            Lines(events, MessageRoles.Agent),
            message.DurationMs,
            events,
            timeline.Offset,
            timeline.Total,
            [.. clips.Clips.Select(c => AudioClipResponse.From(c, recordings.Links))],
            clips.Total,
            recordings.CallOf(message.Id));
        return JsonSerializer.SerializeToElement(voice, MessagesJsonContext.Default.VoiceContent);
    }

    private static string Lines(IEnumerable<TimelineEventResponse> events, string role)
        => string.Join('\n', events.Where(e => e.Type == TimelineEventTypes.Transcript && e.Role == role).Select(e => e.Text));

    private static TimelineEventResponse ToResponse(TimelineEvent e) => new()
    {
        TimestampMs = e.TimestampMs,
        Type = e.Type,
        Role = e.Role,
        Text = e.Text,
        ToolName = e.ToolName,
        Status = e.Status,
        Citations = e.CitationsJson is null ? null : JsonSerializer.Deserialize(e.CitationsJson, MessagesJsonContext.Default.ListCitation),
    };
}
