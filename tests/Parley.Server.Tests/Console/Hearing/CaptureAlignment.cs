namespace Parley.Server.Tests.VoiceConsole.Hearing;

/// <summary>
/// Where a captured copy of a clip sits against the clip, and how faithful it is: the page's microphone starts wherever
/// the browser opens it, so its audio is the clip from some sample on, filtered by the browser and the worklet.
/// </summary>
/// <param name="Offset">Captured sample <c>n</c> is clip sample <c>n + Offset</c> (negative: the capture starts with silence the clip does not have).</param>
/// <param name="Gain">The captured level over the clip's, as a factor (1: unchanged).</param>
/// <param name="SnrDb">The clip's energy over what differs from it (after the offset and gain), in dB, over the speech the two share.</param>
public sealed record CaptureAlignment(int Offset, double Gain, double SnrDb)
{
    private const int Loud = 300; // a sample this far from zero is speech, not the clip's dithered silence
    private const int Search = 480; // refine the onset estimate within ±30 ms
    private const int Window = 3 * 16000; // compare this much audio from the first speech on

    /// <summary>Finds <paramref name="captured"/>'s place in <paramref name="clip"/>; null when either holds no speech.</summary>
    public static CaptureAlignment? Find(short[] clip, short[] captured)
    {
        var clipOnset = Array.FindIndex(clip, s => Math.Abs((int)s) > Loud);
        var capturedOnset = Array.FindIndex(captured, s => Math.Abs((int)s) > Loud);
        if (clipOnset < 0 || capturedOnset < 0)
        {
            return null;
        }

        var guess = clipOnset - capturedOnset;
        var best = guess;
        var bestScore = double.MinValue;
        for (var offset = guess - Search; offset <= guess + Search; offset++)
        {
            var score = Correlation(clip, captured, offset, capturedOnset, capturedOnset + Window).Normalised;
            if (score > bestScore)
            {
                bestScore = score;
                best = offset;
            }
        }

        var (cross, clipEnergy, _, _) = Correlation(clip, captured, best, 0, captured.Length);
        var gain = clipEnergy > 0 ? cross / clipEnergy : 0;
        double signal = 0, noise = 0;
        for (var n = 0; n < captured.Length; n++)
        {
            var i = n + best;
            var reference = i >= 0 && i < clip.Length ? gain * clip[i] : 0;
            signal += reference * reference;
            var difference = captured[n] - reference;
            noise += difference * difference;
        }

        return new CaptureAlignment(best, gain, noise > 0 ? 10 * Math.Log10(signal / noise) : double.PositiveInfinity);
    }

    /// <summary>The clip as a direct stream would send it to sit where the capture sits: its first <see cref="Offset"/> samples dropped, or silence put before it.</summary>
    public short[] Apply(short[] clip) => Offset >= 0 ? clip[Math.Min(Offset, clip.Length)..] : [.. new short[-Offset], .. clip];

    private static (double Cross, double ClipEnergy, double CapturedEnergy, double Normalised) Correlation(short[] clip, short[] captured, int offset, int from, int to)
    {
        double cross = 0, clipEnergy = 0, capturedEnergy = 0;
        for (var n = Math.Max(from, 0); n < Math.Min(to, captured.Length); n++)
        {
            var i = n + offset;
            if (i < 0 || i >= clip.Length)
            {
                continue;
            }

            cross += (double)clip[i] * captured[n];
            clipEnergy += (double)clip[i] * clip[i];
            capturedEnergy += (double)captured[n] * captured[n];
        }

        var scale = Math.Sqrt(clipEnergy * capturedEnergy);
        return (cross, clipEnergy, capturedEnergy, scale > 0 ? cross / scale : 0);
    }
}
