using Parley.Protocol.Payloads;
using Parley.Sessions.Recording;
using Parley.Sessions.Telemetry;
using Parley.Storage.Messages;

namespace Parley.Sessions;

/// <summary>What a live session hands back when it ends: the <c>ended</c> payload, and what happened in it for the <c>voice.session.ended</c> event.</summary>
internal sealed record LiveSessionEnd(
    EndedPayload Ended,
    long DurationMs,
    IReadOnlyList<TimelineEvent> Timeline,
    long TimelineTotal,
    IReadOnlyList<TurnLatency> Turns,
    RecordingResult Recording);
