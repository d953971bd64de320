namespace Parley.Server.Webhooks;

/// <summary>The events a webhook may subscribe to: the SDK's, and Parley's own voice session events.</summary>
/// <remarks>Parley has no batch predictions: a webhook may subscribe to their events (the SDK names them) but none ever comes.</remarks>
internal static class WebhookEventTypes
{
    public const string KnowledgeProcessingCompleted = "knowledge.processing.completed";

    /// <summary>Parley's own: a stored voice session started.</summary>
    public const string VoiceSessionStarted = "voice.session.started";

    /// <summary>Parley's own: a stored voice session ended, with what happened in it.</summary>
    public const string VoiceSessionEnded = "voice.session.ended";

    public static IReadOnlyList<string> All { get; } =
    [
        KnowledgeProcessingCompleted,
        "batch_prediction.completed",
        "batch_prediction.failed",
        "batch_prediction.expired",
        "batch_prediction.cancelled",
        VoiceSessionStarted,
        VoiceSessionEnded,
    ];

    public static bool IsKnown(string eventType) => All.Contains(eventType, StringComparer.Ordinal);
}
