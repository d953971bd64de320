namespace Parley.Storage.Files;

/// <summary>One clip of a voice message: who spoke, when on the session's clock, and for how long; its audio is the file <see cref="FileId"/>.</summary>
public sealed record AudioClipRecord
{
    public required string FileId { get; init; }
    public required string MessageId { get; init; }

    /// <summary><c>user</c> or <c>agent</c>.</summary>
    public required string ParticipantType { get; init; }

    /// <summary>The agent's id, or who the user is (see the session's recorder).</summary>
    public required string ParticipantId { get; init; }

    /// <summary>When the clip starts, in ms from the session's start (the clock of <c>timeline_events</c>).</summary>
    public long StartTimeMs { get; init; }

    public long DurationMs { get; init; }
}
