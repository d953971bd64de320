namespace Parley.Server.Messages;

/// <summary>The content item of a voice session's message.</summary>
/// <remarks>
/// <c>transcript</c> is what the user said and <c>agent_transcript</c> what the agent said (as heard), each line on
/// its own line; <c>duration_ms</c> is null while the session runs. Parley keeps no audio, so <c>audio_clips</c> is empty.
/// <c>timeline_events</c> is a window of the timeline (see <see cref="TimelinePaging"/>): it starts at event
/// <c>timeline_events_offset</c> of <c>timeline_events_total</c>, and both transcripts hold the lines of that window.
/// </remarks>
internal sealed record VoiceContent(
    string Transcript,
    string? AgentTranscript,
    long? DurationMs,
    IReadOnlyList<TimelineEventResponse> TimelineEvents,
    int TimelineEventsOffset,
    long TimelineEventsTotal)
{
    public string Type => "voice";

    public IReadOnlyList<object> AudioClips => [];
}
