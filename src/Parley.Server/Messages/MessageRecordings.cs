using Parley.Storage.Files;

namespace Parley.Server.Messages;

/// <summary>What was recorded of the voice messages of one answer: their first clips (with how many each has) and their whole calls.</summary>
internal sealed record MessageRecordings(IReadOnlyDictionary<string, ClipWindow> Clips, IReadOnlyDictionary<string, FileRecord> Calls, FileLinks Links)
{
    /// <summary>The most clips a list shows per message.</summary>
    public const int ListClips = 100;

    /// <summary>The most clips one retrieved message shows.</summary>
    public const int RetrieveClips = 1000;

    public static async Task<MessageRecordings> LoadAsync(FileStore files, IReadOnlyCollection<string> messageIds, int maxClips, HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var clips = await files.ListClipsAsync(messageIds, maxClips, cancellationToken).ConfigureAwait(false);
        var calls = await files.FindCallRecordingsAsync(messageIds, cancellationToken).ConfigureAwait(false);
        return new(clips, calls, FileLinks.For(request));
    }

    public ClipWindow ClipsOf(string messageId) => Clips.GetValueOrDefault(messageId) ?? ClipWindow.Empty;

    public CallRecordingResponse? CallOf(string messageId) => Calls.TryGetValue(messageId, out var file) ? CallRecordingResponse.From(file, Links) : null;
}
