using Parley.Storage.Files;

namespace Parley.Server.Messages;

/// <summary>One clip of a voice message, as the SDK's <c>AudioClip</c>: its file's id, where to download it, who spoke, when, and for how long.</summary>
/// <remarks><c>audio_uri</c> is this server's <c>/v1/files/{id}/content</c> (it needs the API key, as every file does).</remarks>
internal sealed record AudioClipResponse(string Id, string AudioUri, long DurationMs, ClipParticipant Participant, long StartTimeMs)
{
    public static AudioClipResponse From(AudioClipRecord clip, FileLinks links)
        => new(clip.FileId, links.ContentOf(clip.FileId), clip.DurationMs, new ClipParticipant(clip.ParticipantId, clip.ParticipantType), clip.StartTimeMs);
}

/// <summary>Who spoke in a clip: <c>type</c> <c>user</c> (its <c>id</c> the session's <c>user.email</c>, else the API key's id) or <c>agent</c> (the agent's id).</summary>
internal sealed record ClipParticipant(string Id, string Type);
