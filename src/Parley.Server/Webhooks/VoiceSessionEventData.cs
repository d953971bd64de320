using System.Text.Json;
using Parley.Server.Messages;
using Parley.Sessions.Telemetry;

namespace Parley.Server.Webhooks;

/// <summary>The <c>data</c> of <c>voice.session.started</c>: which session, in which conversation and message, with which agent.</summary>
internal sealed record VoiceSessionStartedData(string SessionId, string ConversationId, string MessageId, string AgentId, DateTimeOffset StartedAt);

/// <summary>The <c>data</c> of <c>voice.session.ended</c>: what happened in the session, and what was recorded.</summary>
/// <remarks>
/// <c>transcript</c>, <c>tool_calls</c> and <c>citations</c> come from the session's timeline (its newest events within a
/// bound; <c>timeline_events_total</c> says how many it had, and the message keeps them all). <c>audio_uri</c>s are
/// this server's file content paths (absolute when <c>Parley:Webhooks:PublicUrl</c> is set), downloaded with an API key.
/// </remarks>
internal sealed record VoiceSessionEndedData
{
    public required string SessionId { get; init; }
    public required string ConversationId { get; init; }
    public required string MessageId { get; init; }
    public required string AgentId { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset EndedAt { get; init; }
    public long DurationMs { get; init; }

    /// <summary><c>stop</c>, <c>client_disconnected</c>, <c>agent_ended_call</c>, <c>server_draining</c>, <c>client_too_slow</c>, or the error code sent (<c>session_timeout</c>, <c>internal_error</c>, ...).</summary>
    public required string EndReason { get; init; }
    public required IReadOnlyList<TranscriptEntry> Transcript { get; init; }
    public required IReadOnlyList<ToolCallEntry> ToolCalls { get; init; }
    public required IReadOnlyList<CitationEntry> Citations { get; init; }
    public long TimelineEventsTotal { get; init; }
    public CallRecordingResponse? Recording { get; init; }
    public required IReadOnlyList<AudioClipResponse> AudioClips { get; init; }
    public required LatencySummary Latency { get; init; }
}

/// <summary>A line said, and when (ms from the session's start).</summary>
internal sealed record TranscriptEntry(string Role, string Text, long TimestampMs);

/// <summary>A tool call's step (<c>started</c>, <c>completed</c>, <c>failed</c>), and when.</summary>
internal sealed record ToolCallEntry(string ToolName, string Status, long TimestampMs);

/// <summary>Citations given, and when.</summary>
internal sealed record CitationEntry(JsonElement Citations, long TimestampMs);

/// <summary>How fast the session's spoken turns were answered: the server's time from the end of the user's speech to the first audio frame, over the turns, and each turn's stages.</summary>
internal sealed record LatencySummary(int Turns, Percentiles? EndpointToFirstFrameMs, IReadOnlyList<TurnLatency> PerTurn);

/// <summary>The median, 95th percentile and worst of a set of durations, in ms.</summary>
internal sealed record Percentiles(double P50, double P95, double Max)
{
    /// <summary>Nearest-rank percentiles of <paramref name="values"/>; null when there are none.</summary>
    public static Percentiles? Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        double Rank(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new(Math.Round(Rank(0.5), 1), Math.Round(Rank(0.95), 1), Math.Round(sorted[^1], 1));
    }
}

/// <summary>The <c>data</c> of <c>knowledge.processing.completed</c>: the knowledge, as the knowledge API shows it.</summary>
internal sealed record KnowledgeEventData(JsonElement Knowledge);
