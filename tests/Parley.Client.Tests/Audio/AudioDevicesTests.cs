using Parley.Client.Audio;

namespace Parley.Client.Tests.Audio;

/// <summary>The device programs, without a sound device: stand-ins read and write files.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AudioDevicesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("parley-audio-").FullName;

    [Fact]
    public async Task Without_the_programs_the_error_names_what_was_looked_for()
    {
        var microphone = await Assert.ThrowsAsync<AudioDeviceUnavailableException>(() => AudioDevices.OpenMicrophoneAsync(searchPath: _folder));
        Assert.Contains("parec (PulseAudio)", microphone.Message, StringComparison.Ordinal);
        Assert.Contains("arecord (ALSA)", microphone.Message, StringComparison.Ordinal);
        Assert.Equal(["parec", "arecord"], microphone.LookedFor);

        var speaker = await Assert.ThrowsAsync<AudioDeviceUnavailableException>(() => AudioDevices.OpenSpeakerAsync(searchPath: _folder));
        Assert.Equal(["pacat", "aplay"], speaker.LookedFor);
        Assert.Contains("pulseaudio-utils or alsa-utils", speaker.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_program_that_fails_at_once_is_reported_with_its_error()
    {
        var fake = Path.Combine(_folder, "parec");
        File.WriteAllText(fake, "#!/bin/sh\necho 'Connection failure: Connection refused' >&2\nexit 1\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var error = await Assert.ThrowsAsync<AudioDeviceUnavailableException>(() => AudioDevices.OpenMicrophoneAsync(searchPath: _folder));

        Assert.Contains("Connection refused", error.Message, StringComparison.Ordinal);
        Assert.Contains("arecord is not installed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recording_program_is_read_in_whole_chunks()
    {
        var raw = Path.Combine(_folder, "mic.raw");
        File.WriteAllBytes(raw, [.. Enumerable.Range(0, 20000).Select(i => (byte)i)]);
        await using var source = await ProcessAudioSource.StartAsync(new AudioProgram("cat", [raw], "cat (test)"), 16000);

        var chunks = new List<byte[]>();
        await foreach (var chunk in source.ReadChunksAsync(8192))
        {
            chunks.Add(chunk.ToArray());
        }

        Assert.Equal([8192, 8192, 3616], chunks.Select(c => c.Length));
        Assert.Equal(File.ReadAllBytes(raw), chunks.SelectMany(c => c));
    }

    [Fact]
    public async Task A_playing_program_gets_the_audio_in_order()
    {
        var output = Path.Combine(_folder, "speaker.raw");
        var sink = await ProcessAudioSink.StartAsync(new AudioProgram("sh", ["-c", $"cat > '{output}'"], "sh (test)"), 24000);
        await sink.WriteAsync(new byte[] { 1, 2 });
        await sink.WriteAsync(new byte[] { 3, 4 });
        await sink.DisposeAsync();

        Assert.Equal([1, 2, 3, 4], File.ReadAllBytes(output));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
