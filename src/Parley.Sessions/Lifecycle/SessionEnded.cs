using Parley.Storage.Files;
using Parley.Storage.Messages;

namespace Parley.Sessions.Lifecycle;

/// <summary>A voice session that ended: why, what was said and done (its newest timeline events), how fast each turn was answered, and what was recorded.</summary>
/// <param name="Session">The session as it started.</param>
/// <param name="EndedAt">When it ended.</param>
/// <param name="DurationMs">How long it lasted.</param>
/// <param name="EndReason">Why it ended (<c>stop</c>, <c>client_disconnected</c>, <c>agent_ended_call</c>, an error code, ...).</param>
/// <param name="Timeline">Its transcript lines, tool calls and citations in order: all of them, or the newest within a bound.</param>
/// <param name="TimelineTotal">How many timeline events the session had in all.</param>
/// <param name="Turns">Each spoken turn's latency, in order.</param>
/// <param name="Recording">The whole-call recording; null when the session was not recorded.</param>
/// <param name="Clips">The clips recorded.</param>
public sealed record SessionEnded(
    SessionStarted Session,
    DateTimeOffset EndedAt,
    long DurationMs,
    string EndReason,
    IReadOnlyList<TimelineEvent> Timeline,
    long TimelineTotal,
    IReadOnlyList<Telemetry.TurnLatency> Turns,
    FileRecord? Recording,
    IReadOnlyList<AudioClipRecord> Clips);
