using Parley.Client.Audio;

namespace Parley.Client.Tests.Audio;

public sealed class WavFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("parley-wav-").FullName;

    [Fact]
    public void A_written_file_reads_back_the_same()
    {
        var path = Path.Combine(_folder, "tone.wav");
        var samples = Enumerable.Range(0, 2400).Select(i => (short)(Math.Sin(i / 10.0) * 8000)).ToArray();
        WavFile.Write(path, Pcm16.ToBytes(samples), 24000);

        var audio = WavFile.Read(path);

        Assert.Equal(24000, audio.SampleRate);
        Assert.Equal(samples, Pcm16.ToSamples(audio.Pcm));
        Assert.Equal(TimeSpan.FromMilliseconds(100), audio.Duration);
        Assert.Equal(WavFile.HeaderBytes + 4800, new FileInfo(path).Length);
    }

    [Fact]
    public async Task The_streaming_writer_sets_the_sizes_when_done()
    {
        var path = Path.Combine(_folder, "stream.wav");
        await using (var writer = new WavWriter(path, 24000))
        {
            await writer.WriteAsync(new byte[480]);
            await writer.WriteAsync(new byte[960]);
            Assert.Equal(TimeSpan.FromMilliseconds(30), writer.Duration);
        }

        var audio = WavFile.Read(path);
        Assert.Equal(1440, audio.Pcm.Length);
        Assert.Equal(24000, audio.SampleRate);
    }

    [Fact]
    public void Other_rates_and_formats_are_refused_with_what_to_do()
    {
        var path = Path.Combine(_folder, "wrong.wav");
        WavFile.Write(path, new byte[100], 44100);
        var rate = Assert.Throws<InvalidDataException>(() => WavFile.Read(path, 16000));
        Assert.Contains("44100 Hz", rate.Message, StringComparison.Ordinal);
        Assert.Contains("16000", rate.Message, StringComparison.Ordinal);

        var stereo = WavFile.Header(100, 16000);
        stereo[22] = 2;
        File.WriteAllBytes(path, [.. stereo, .. new byte[100]]);
        Assert.Contains("PCM16 mono", Assert.Throws<InvalidDataException>(() => WavFile.Read(path)).Message, StringComparison.Ordinal);

        File.WriteAllText(path, "not a wav");
        Assert.Throws<InvalidDataException>(() => WavFile.Read(path));
    }

    [Fact]
    public void Loudness_tells_speech_from_silence()
    {
        Assert.Equal(0, Pcm16.Rms(new byte[100]));
        Assert.Equal(1000, Pcm16.Rms(Pcm16.ToBytes([1000, -1000, 1000, -1000])), 3);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
