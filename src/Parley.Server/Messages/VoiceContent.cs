namespace Parley.Server.Messages;

/// <summary>The content item of a voice session's message.</summary>
/// <remarks>
/// <c>transcript</c> is what the user said and <c>agent_transcript</c> what the agent said (as heard), each line on
/// its own line; <c>duration_ms</c> is null while the session runs. <c>audio_clips</c> holds a recorded session's clips
/// in time order (the first <see cref="MessageRecordings.ListClips"/> in a list, <see cref="MessageRecordings.RetrieveClips"/>
/// when retrieved; <c>audio_clips_total</c> says how many there are), and <c>recording</c> (Parley's own) its whole call;
/// both are empty for a session that was not recorded. <c>timeline_events</c> is a window of the timeline (see <see cref="TimelinePaging"/>): it starts at event
/// <c>timeline_events_offset</c> of <c>timeline_events_total</c>, and both transcripts hold the lines of that window.
/// </remarks>
internal sealed record VoiceContent(
    string Transcript,
    string? AgentTranscript,
    long? DurationMs,
    IReadOnlyList<TimelineEventResponse> TimelineEvents,
    int TimelineEventsOffset,
    long TimelineEventsTotal,
    IReadOnlyList<AudioClipResponse> AudioClips,
    int AudioClipsTotal,
    CallRecordingResponse? Recording)
{
    public string Type => "voice";
}
