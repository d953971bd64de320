using System.Text.Json;
using Parley.Knowledge.Ingestion;
using Parley.Server.Knowledge;
using Parley.Server.Messages;
using Parley.Sessions.Lifecycle;
using Parley.Storage;
using Parley.Storage.Knowledge;
using Parley.Storage.Messages;
using Parley.Storage.Webhooks;

namespace Parley.Server.Webhooks;

/// <summary>Turns what happens (a voice session starting or ending, a knowledge processed) into deliveries to the teamspace's webhooks that subscribe to it.</summary>
/// <remarks>
/// One event gets one id, shared by its deliveries to each webhook. Deliveries are stored before this returns, so an
/// event is never lost to a restart; the dispatcher is woken to attempt them at once. A failure to queue is logged,
/// never thrown at the session or the ingestion that reported the event.
/// </remarks>
internal sealed partial class WebhookPublisher(
    WebhookStore store, WebhookDispatcher dispatcher, WebhookDeliveryOptions options, ILogger<WebhookPublisher> logger) : ISessionObserver, IKnowledgeEvents
{
    private readonly FileLinks _links = new($"{options.PublicUrl?.TrimEnd('/')}{Api.ApiPipeline.Prefix}");

    public Task OnStartedAsync(SessionStarted started, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(started);
        return PublishAsync(started.TeamspaceId, WebhookEventTypes.VoiceSessionStarted, () => JsonSerializer.Serialize(
            new VoiceSessionStartedData(started.SessionId, started.ConversationId, started.MessageId, started.AgentId, started.StartedAt),
            WebhooksJsonContext.Default.VoiceSessionStartedData), cancellationToken);
    }

    public Task OnEndedAsync(SessionEnded ended, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ended);
        return PublishAsync(ended.Session.TeamspaceId, WebhookEventTypes.VoiceSessionEnded, () => JsonSerializer.Serialize(
            EndedData(ended), WebhooksJsonContext.Default.VoiceSessionEndedData), cancellationToken);
    }

    public Task OnProcessingCompletedAsync(KnowledgeRecord knowledge, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        return PublishAsync(knowledge.TeamspaceId, WebhookEventTypes.KnowledgeProcessingCompleted, () => JsonSerializer.Serialize(
            new KnowledgeEventData(JsonSerializer.SerializeToElement(KnowledgeResponse.From(knowledge), KnowledgeJsonContext.Default.KnowledgeResponse)),
            WebhooksJsonContext.Default.KnowledgeEventData), cancellationToken);
    }

    private VoiceSessionEndedData EndedData(SessionEnded ended)
    {
        var session = ended.Session;
        var timeline = ended.Timeline;
        var firstFrame = ended.Turns.Where(t => t.EndpointToFirstFrameMs is not null).Select(t => t.EndpointToFirstFrameMs!.Value).ToList();
        return new VoiceSessionEndedData
        {
            SessionId = session.SessionId,
            ConversationId = session.ConversationId,
            MessageId = session.MessageId,
            AgentId = session.AgentId,
            StartedAt = session.StartedAt,
            EndedAt = ended.EndedAt,
            DurationMs = ended.DurationMs,
            EndReason = ended.EndReason,
            Transcript = [.. timeline.Where(e => e.Type == TimelineEventTypes.Transcript).Select(e => new TranscriptEntry(e.Role ?? string.Empty, e.Text ?? string.Empty, e.TimestampMs))],
            ToolCalls = [.. timeline.Where(e => e.Type == TimelineEventTypes.ToolCallStatus).Select(e => new ToolCallEntry(e.ToolName ?? string.Empty, e.Status ?? string.Empty, e.TimestampMs))],
            Citations = [.. timeline.Where(e => e.Type == TimelineEventTypes.Citation && e.CitationsJson is not null)
                .Select(e => new CitationEntry(JsonDocument.Parse(e.CitationsJson!).RootElement.Clone(), e.TimestampMs))],
            TimelineEventsTotal = ended.TimelineTotal,
            Recording = ended.Recording is { } call ? CallRecordingResponse.From(call, _links) : null,
            AudioClips = [.. ended.Clips.OrderBy(c => c.StartTimeMs).Select(c => AudioClipResponse.From(c, _links))],
            Latency = new LatencySummary(ended.Turns.Count, Percentiles.Of(firstFrame), ended.Turns),
        };
    }

    private async Task PublishAsync(string teamspaceId, string eventType, Func<string> data, CancellationToken cancellationToken)
    {
        try
        {
            var webhooks = await store.ListActiveForEventAsync(teamspaceId, eventType, cancellationToken).ConfigureAwait(false);
            if (webhooks.Count == 0)
            {
                return;
            }

            var eventId = Ids.New();
            var json = data();
            await store.EnqueueAsync([.. webhooks.Select(w => new NewDelivery(w.Id, eventId, eventType, json))], cancellationToken).ConfigureAwait(false);
            dispatcher.Wake();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogQueueFailed(logger, ex, eventType, teamspaceId);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not queue the {EventType} event of teamspace {TeamspaceId} for its webhooks.")]
    private static partial void LogQueueFailed(ILogger logger, Exception exception, string eventType, string teamspaceId);
}
