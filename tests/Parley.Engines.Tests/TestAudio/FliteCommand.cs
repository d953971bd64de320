using System.Diagnostics;

namespace Parley.Engines.Tests.TestAudio;

/// <summary>Synthesises speech with the <c>flite</c> command line, independently of the engine under test.</summary>
internal static class FliteCommand
{
    /// <summary>Speaks <paramref name="text"/> with <paramref name="voice"/> and returns the WAV's samples and rate.</summary>
    public static (short[] Samples, int SampleRate) Speak(string text, string voice = "awb")
    {
        var path = Path.Combine(Path.GetTempPath(), $"parley-flite-{Guid.NewGuid():N}.wav");
        try
        {
            var start = new ProcessStartInfo("flite") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var argument in new[] { "-voice", voice, "-t", text, "-o", path })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start flite.");
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"flite exited with {process.ExitCode}: {errors}");
            }

            return WavFile.Read(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
