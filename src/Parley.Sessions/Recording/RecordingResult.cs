using Parley.Storage.Files;

namespace Parley.Sessions.Recording;

/// <summary>What a session recorded: its clips and the whole call (null when recording failed), and how much audio had to be left out.</summary>
internal sealed record RecordingResult(IReadOnlyList<AudioClipRecord> Clips, FileRecord? Call, long ItemsDropped)
{
    public static RecordingResult None { get; } = new([], null, 0);
}
