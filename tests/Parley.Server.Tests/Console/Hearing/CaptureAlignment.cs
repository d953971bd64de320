namespace Parley.Server.Tests.VoiceConsole.Hearing;

/// <summary>
/// Where each spoken question of a clip sits in a captured copy of it. The page's microphone starts wherever the
/// browser opens it, and a capture path may drop or repeat blocks between questions, so each question is found on its
/// own (by the peak of the normalised cross-correlation, either polarity: a browser's filters may invert it).
/// </summary>
/// <param name="Positions">The captured sample at which each question starts.</param>
/// <param name="Offsets">Each question's place in the capture less its place in the clip, in samples.</param>
/// <param name="Inverted">Whether the capture is the clip upside down (its correlation peaks negative).</param>
/// <param name="Length">The capture's length in samples.</param>
public sealed record CaptureAlignment(IReadOnlyList<int> Positions, IReadOnlyList<int> Offsets, bool Inverted, int Length)
{
    private const int FirstSearch = 16000; // the first question within ±1 s of where the clip has it
    private const int NextSearch = 4800; // each later one within ±300 ms of where the one before predicts
    private const int Compared = 8000; // the first half second of each question decides
    private const double Found = 0.3; // a correlation below this is not the question

    /// <summary>Finds each of <paramref name="questions"/> (placed in the clip at <paramref name="clipPositions"/>) in <paramref name="captured"/>; null when one is not there.</summary>
    public static CaptureAlignment? Find(IReadOnlyList<short[]> questions, IReadOnlyList<int> clipPositions, short[] captured)
    {
        var positions = new List<int>();
        var offsets = new List<int>();
        var inverted = 0;
        var drift = 0;
        for (var i = 0; i < questions.Count; i++)
        {
            var (at, correlation) = Locate(questions[i], captured, clipPositions[i] + drift, i == 0 ? FirstSearch : NextSearch);
            if (Math.Abs(correlation) < Found)
            {
                return null;
            }

            positions.Add(at);
            drift = at - clipPositions[i];
            offsets.Add(drift);
            inverted += correlation < 0 ? 1 : 0;
        }

        return new CaptureAlignment(positions, offsets, inverted * 2 > questions.Count, captured.Length);
    }

    /// <summary>
    /// How many times the capture's offset moved by more than two samples between one question and the next: blocks
    /// dropped or repeated by the capture path, or (in a high voice, a few samples short of its pitch period) the
    /// correlation choosing the neighbouring period of a waveform the browser's filters have shifted in phase.
    /// </summary>
    public int Jumps => Offsets.Zip(Offsets.Skip(1)).Count(pair => Math.Abs(pair.First - pair.Second) > 2);

    /// <summary>
    /// What a direct stream sends to be heard as the page's capture was framed: silence as long as the capture, with
    /// each question's clean samples where the capture has it.
    /// </summary>
    public short[] DirectStream(IReadOnlyList<short[]> questions)
    {
        var stream = new short[Math.Max(Length, Positions[^1] + questions[^1].Length)];
        for (var i = 0; i < questions.Count; i++)
        {
            var from = Math.Max(Positions[i], 0);
            var skip = from - Positions[i];
            questions[i].AsSpan(Math.Min(skip, questions[i].Length)).CopyTo(stream.AsSpan(from));
        }

        return stream;
    }

    /// <summary>The offsets, with a note of the jumps, for a report.</summary>
    public override string ToString()
        => $"questions at {string.Join(", ", Offsets.Select(o => $"{o / 16.0:+0.0;-0.0;0} ms"))} from their place in the clip ({Jumps} jump{(Jumps == 1 ? string.Empty : "s")}){(Inverted ? ", inverted" : string.Empty)}";

    // Coarse (every 4th lag) then fine (each lag around the best), on the question's first Compared samples.
    private static (int At, double Correlation) Locate(short[] question, short[] captured, int expected, int search)
    {
        var length = Math.Min(question.Length, Compared);
        var best = (At: expected, Correlation: 0.0);
        for (var pass = 0; pass < 2; pass++)
        {
            var (from, to, step) = pass == 0 ? (expected - search, expected + search, 4) : (best.At - 4, best.At + 4, 1);
            var centre = best;
            for (var at = from; at <= to; at += step)
            {
                var correlation = Correlation(question, length, captured, at);
                if (Math.Abs(correlation) > Math.Abs(centre.Correlation))
                {
                    centre = (at, correlation);
                }
            }

            best = centre;
        }

        return best;
    }

    private static double Correlation(short[] question, int length, short[] captured, int at)
    {
        double cross = 0, questionEnergy = 0, capturedEnergy = 0;
        for (var n = 0; n < length; n++)
        {
            var c = at + n;
            double x = c >= 0 && c < captured.Length ? captured[c] : 0;
            double q = question[n];
            cross += q * x;
            questionEnergy += q * q;
            capturedEnergy += x * x;
        }

        var scale = Math.Sqrt(questionEnergy * capturedEnergy);
        return scale > 0 ? cross / scale : 0;
    }
}
