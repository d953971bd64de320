using Microsoft.Extensions.Logging;
using Parley.Storage.Files;

namespace Parley.Sessions.Recording;

/// <summary>What a session's <see cref="CallRecorder"/> needs: where files go, whose they are, and the session's clock.</summary>
/// <param name="Files">The rows of files.</param>
/// <param name="Content">Where their bytes go.</param>
/// <param name="Options">The recording settings.</param>
/// <param name="TeamspaceId">Whose files the recordings are.</param>
/// <param name="MessageId">The voice message they belong to.</param>
/// <param name="AgentId">The agent, the participant of agent clips.</param>
/// <param name="UserId">Who the user is (the session's <c>user.email</c>, else the key it came with), the participant of user clips.</param>
/// <param name="PlaybackLead">How far agent audio is sent ahead of playing: what may still be cut off by an interruption.</param>
/// <param name="OutputFrameDuration">The length of each agent frame.</param>
/// <param name="Time">The session's clock.</param>
/// <param name="SessionStart">The timestamp the session's clock counts from (that of <c>timeline_events</c>).</param>
/// <param name="Logger">Where failures are logged (recording failures never end a session).</param>
internal sealed record RecordingSetup(
    FileStore Files,
    IFileContentStore Content,
    RecordingOptions Options,
    string TeamspaceId,
    string MessageId,
    string AgentId,
    string UserId,
    TimeSpan PlaybackLead,
    TimeSpan OutputFrameDuration,
    TimeProvider Time,
    long SessionStart,
    ILogger Logger);
