using System.Buffers.Binary;
using System.Text;
using Parley.Testing.Speech;

namespace Parley.Server.Tests.VoiceConsole;

/// <summary>The WAV Chromium's fake microphone plays: silence, a question synthesised now with Flite, then silence.</summary>
public static class FakeMicrophone
{
    /// <summary>What the fake microphone says; PocketSphinx hears it reliably from Flite's rms voice.</summary>
    public const string Question = "what is twelve times seven";

    /// <summary>Silence before the speech: time for the page to load its worklet and open the socket.</summary>
    public static readonly TimeSpan LeadIn = TimeSpan.FromSeconds(1.5);

    /// <summary>Silence after the speech, so the end of the turn is heard as silence rather than as the end of the file.</summary>
    public static readonly TimeSpan TailOut = TimeSpan.FromSeconds(4);

    /// <summary>Writes the clip as a 16 kHz PCM16 mono WAV to a new temporary file and returns its path.</summary>
    public static string Write()
    {
        short[] samples = [.. TestSpeech.Silence(LeadIn), .. TestSpeech.Say(Question), .. TestSpeech.Silence(TailOut)];
        var path = Path.Combine(Path.GetTempPath(), $"parley-console-mic-{Guid.NewGuid():N}.wav");
        File.WriteAllBytes(path, Wav(samples, 16000));
        return path;
    }

    private static byte[] Wav(short[] samples, int rate)
    {
        var data = samples.Length * 2;
        var bytes = new byte[44 + data];
        var span = bytes.AsSpan();
        Encoding.ASCII.GetBytes("RIFF").CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + data);
        Encoding.ASCII.GetBytes("WAVEfmt ").CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1); // PCM
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1); // mono
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], rate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], rate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        Encoding.ASCII.GetBytes("data").CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], data);
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(span[(44 + (2 * i))..], samples[i]);
        }

        return bytes;
    }
}
