using Parley.Storage.Files;

namespace Parley.Server.Messages;

/// <summary>Parley's own: the whole call of a voice message as one stereo WAV (the user left, the agent right, on the session's clock).</summary>
internal sealed record CallRecordingResponse(string Id, string AudioUri, long DurationMs, int Channels, int SampleRate)
{
    public static CallRecordingResponse From(FileRecord file, FileLinks links)
    {
        var rate = file.PcmSampleRate ?? 24_000;
        var channels = file.PcmChannels ?? 2;
        var frames = Math.Max(0, file.SizeBytes - WavHeader.Length) / (2 * channels);
        return new(file.Id, links.ContentOf(file.Id), frames * 1000 / rate, channels, rate);
    }
}
