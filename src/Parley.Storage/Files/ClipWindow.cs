namespace Parley.Storage.Files;

/// <summary>The first clips of a voice message (at most the number asked for) and how many it holds in all.</summary>
public sealed record ClipWindow(IReadOnlyList<AudioClipRecord> Clips, int Total)
{
    /// <summary>A message without clips.</summary>
    public static ClipWindow Empty { get; } = new([], 0);
}
