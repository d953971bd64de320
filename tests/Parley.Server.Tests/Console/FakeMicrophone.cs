using Parley.Testing.Speech;

namespace Parley.Server.Tests.VoiceConsole;

/// <summary>The WAV Chromium's fake microphone plays: silence, a question synthesised now with Flite, then silence.</summary>
/// <remarks>Chromium starts the file afresh each time the page opens the microphone (each <c>getUserMedia</c>).</remarks>
public static class FakeMicrophone
{
    /// <summary>What the fake microphone says; PocketSphinx hears it reliably from Flite's rms voice.</summary>
    public const string Question = "what is twelve times seven";

    /// <summary>Silence before the speech: the person starts talking right after pressing, long before the session is ready.</summary>
    public static readonly TimeSpan LeadIn = TimeSpan.FromSeconds(0.3);

    /// <summary>Silence after the speech, so the end of the turn is heard as silence rather than as the end of the file.</summary>
    public static readonly TimeSpan TailOut = TimeSpan.FromSeconds(4);

    /// <summary>Writes the clip as a 16 kHz PCM16 mono WAV to a new temporary file and returns its path.</summary>
    public static string Write() => Write([.. TestSpeech.Silence(LeadIn), .. TestSpeech.Say(Question), .. TestSpeech.Silence(TailOut)]);

    /// <summary>Writes <paramref name="samples"/> (16 kHz) to a new temporary WAV file and returns its path.</summary>
    public static string Write(short[] samples)
    {
        var path = Path.Combine(Path.GetTempPath(), $"parley-console-mic-{Guid.NewGuid():N}.wav");
        WavFile.Write(path, samples, 16000);
        return path;
    }
}
