using Parley.Engines.Audio;
using Parley.Engines.SpeechToText;

namespace Parley.Testing.Providers;

/// <summary>PocketSphinx for the loopback servers and the tests that check what they heard or said (one shared recogniser per test process).</summary>
public static class TestRecognition
{
    private static readonly Lazy<PocketSphinxRecognizer> Shared = new(() => new PocketSphinxRecognizer(new PocketSphinxOptions { MinDecoders = 0, MaxDecoders = 4 }));
    private static readonly SoxrResampler Resampler = new();

    /// <summary>The recogniser (16 kHz).</summary>
    public static PocketSphinxRecognizer Recognizer => Shared.Value;

    /// <summary>The words PocketSphinx hears in <paramref name="samples"/> at <paramref name="sampleRate"/> (resampled to 16 kHz when needed).</summary>
    public static async Task<string> TranscribeAsync(short[] samples, int sampleRate = 16000)
    {
        var audio = sampleRate == 16000 ? samples : Resampler.Resample(samples, sampleRate, 16000);
        using var stream = await Recognizer.OpenStreamAsync();
        foreach (var chunk in audio.Chunk(512))
        {
            stream.Push(chunk);
        }

        return stream.Complete();
    }

    /// <summary>Resamples PCM16 mono audio.</summary>
    public static short[] Resample(short[] samples, int from, int to) => Resampler.Resample(samples, from, to);
}
