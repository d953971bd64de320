using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Parley.Testing.Speech;

/// <summary>Speech synthesised at test time with the Flite command line, in a voice other than the server's.</summary>
public static class TestSpeech
{
    /// <summary>The voice tests speak with; the server speaks with slt; PocketSphinx hears rms and kal16 well, awb poorly.</summary>
    public const string DefaultVoice = "rms";

    private static readonly string CacheDirectory = Path.Combine(Path.GetTempPath(), "parley-test-speech");

    /// <summary>PCM16 mono 16 kHz samples of <paramref name="text"/> spoken by <paramref name="voice"/>.</summary>
    public static short[] Say(string text, string voice = DefaultVoice)
    {
        Directory.CreateDirectory(CacheDirectory);
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{voice}\n{text}")))[..24];
        var path = Path.Combine(CacheDirectory, $"{name}.wav");
        if (!File.Exists(path))
        {
            var temporary = path + $".{Environment.ProcessId}.{Guid.NewGuid():N}.tmp.wav";
            Run("flite", "-voice", voice, "-t", text, "-o", temporary);
            File.Move(temporary, path, overwrite: true);
        }

        var (samples, rate) = WavFile.Read(path);
        if (rate != 16000)
        {
            throw new InvalidOperationException($"Voice {voice} speaks at {rate} Hz; tests need a 16 kHz voice (awb, rms, slt, kal16).");
        }

        return samples;
    }

    /// <summary>Where the speech in a clip really ends: after the last sample louder than -36 dBFS (Flite pads clips with silence).</summary>
    public static TimeSpan SpeechEnd(short[] samples)
    {
        var last = Array.FindLastIndex(samples, s => Math.Abs((int)s) > 500);
        return TimeSpan.FromSeconds((last + 1) / 16000.0);
    }

    /// <summary>Where the speech in a clip really starts: at the first sample louder than -36 dBFS.</summary>
    public static TimeSpan SpeechOnset(short[] samples)
    {
        var first = Array.FindIndex(samples, s => Math.Abs((int)s) > 500);
        return TimeSpan.FromSeconds(Math.Max(first, 0) / 16000.0);
    }

    /// <summary>A clip cut to its voiced part with 30 ms of margin, so the silence a test puts around it is the real pause (Flite pads clips with ~200 ms at each end).</summary>
    public static short[] Voiced(short[] clip)
    {
        const int margin = 16000 * 30 / 1000;
        var first = Math.Max(0, (int)(SpeechOnset(clip).TotalSeconds * 16000) - margin);
        var end = Math.Min(clip.Length, (int)(SpeechEnd(clip).TotalSeconds * 16000) + margin);
        return end > first ? clip[first..end] : clip;
    }

    /// <summary><paramref name="duration"/> of digital silence at 16 kHz.</summary>
    public static short[] Silence(TimeSpan duration) => new short[(int)(duration.TotalSeconds * 16000)];

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {stderr}. Run scripts/setup.sh to install it.");
        }
    }
}
