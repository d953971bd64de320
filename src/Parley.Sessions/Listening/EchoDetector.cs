namespace Parley.Sessions.Listening;

/// <summary>Tells whether what the microphone hears is the agent's own voice coming back (echo), by its loudness contour.</summary>
/// <remarks>
/// <para>
/// Both sides are kept as loudness per 16 ms slot of wall-clock time: the agent's audio at the time the client
/// plays it, the microphone's at the time it was recorded (the arrival of its chunk, less what follows it in the
/// chunk). Echo is the agent's contour delayed (playback buffering, the room, the network) and attenuated, so
/// against the agent's contour at the right delay its decibels rise and fall together: a Pearson correlation near 1.
/// A person talking over the agent has a contour of their own, and the correlation falls. The delay is searched,
/// 0 to <see cref="MaxDelaySlots"/> slots, so neither side's clock needs to be known.
/// </para>
/// <para>
/// Works on loudness, not waveforms, so it survives resampling, codecs and the client's gain; it cannot tell the
/// user repeating the agent word for word in step with it, which nobody does. Costs nothing per frame but one
/// sum of squares; the search runs only when speech is being judged.
/// </para>
/// </remarks>
internal sealed class EchoDetector
{
    /// <summary>Slot length: half a VAD frame at 16 kHz, fine enough that a delay between two slots still lines up.</summary>
    public static readonly TimeSpan Slot = TimeSpan.FromMilliseconds(16);

    private const int Slots = 1024; // 16 s of history each side.
    private const int MaxDelaySlots = 94; // 1.5 s.
    private const int MinJudgedSlots = 32; // Half a second: over fewer slots, some delay always fits by chance.
    private const double SilenceDb = -60; // Quieter is room noise, whichever side: flattened so it does not count as contour.

    // LoudnessAboveEcho: the second before an onset, less the last 96 ms (the onset is known only to a frame or so); the
    // agent's audio whose echo must have reached the microphone there, whatever the echo's lag up to 320 ms (playback
    // buffers, the room): at least ~100 ms of it audible. Audio played less than 320 ms before the window ends may not have
    // echoed yet: counted, it let a quiet line before a reply's first words pass for "no echo on this line", and the
    // echo of those words then cut the agent off (the scenario suite's echo at -12 dB / 150 ms, every run).
    private const int BeforeOnsetSlots = 62;
    private const int OnsetGuardSlots = 6;
    private const int EchoLagSlots = 20;
    private const int MinAudibleSlots = 6;
    private const double AudibleDb = -45;

    private readonly TimeProvider _time;
    private readonly long _origin;
    private readonly double[] _played = new double[Slots];
    private readonly long[] _playedSlot = new long[Slots];
    private readonly double[] _heard = new double[Slots];
    private readonly long[] _heardSlot = new long[Slots];
    private readonly Lock _gate = new();
    private long _lastPlayedSlot = long.MinValue;
    private long _lastHeardSlot = -1;

    public EchoDetector(TimeProvider time)
    {
        _time = time;
        _origin = time.GetTimestamp();
        Array.Fill(_playedSlot, -1);
        Array.Fill(_heardSlot, -1);
    }

    /// <summary><paramref name="span"/> in timestamp ticks of the detector's clock, which times both sides.</summary>
    public long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    /// <summary>Agent audio (any rate) that the client plays from <paramref name="playsAt"/> (a timestamp).</summary>
    public void AddPlayed(long playsAt, ReadOnlySpan<short> samples, int sampleRate)
    {
        lock (_gate)
        {
            _lastPlayedSlot = Math.Max(_lastPlayedSlot, Lay(_played, _playedSlot, playsAt, samples, sampleRate));
        }
    }

    /// <summary>Microphone audio (any rate) recorded from <paramref name="recordedAt"/> (a timestamp).</summary>
    public void AddHeard(long recordedAt, ReadOnlySpan<short> samples, int sampleRate)
    {
        lock (_gate)
        {
            _lastHeardSlot = Math.Max(_lastHeardSlot, Lay(_heard, _heardSlot, recordedAt, samples, sampleRate));
        }
    }

    /// <summary>
    /// How well the agent's audio explains what the microphone heard from <paramref name="since"/> (a timestamp) to
    /// now: the best correlation over the delays searched; 0 when the agent was silent all along; null when too
    /// little has been heard to judge.
    /// </summary>
    public double? EchoLikeness(long since)
    {
        lock (_gate)
        {
            var to = _lastHeardSlot;
            var from = Math.Max(SlotOf(since), to - Slots + MaxDelaySlots + 1);
            if (to - from + 1 < MinJudgedSlots)
            {
                return null;
            }

            if (_lastPlayedSlot < from - MaxDelaySlots)
            {
                return 0;
            }

            var best = 0.0;
            for (var delay = 0; delay <= MaxDelaySlots; delay++)
            {
                best = Math.Max(best, Correlation(from, to, delay));
            }

            return best;
        }
    }

    /// <summary>
    /// How much louder the microphone has been since <paramref name="onset"/> (a timestamp) than at its loudest in the
    /// second before it, while the agent's audio echoed there: an echo path carries the agent at a steady level, so echo
    /// as loud as this speech would have been heard then too. Null when that second was not heard, or the agent was
    /// audible too little of it, early enough for its echo to have arrived whatever its lag, to tell (the first ~half
    /// second of a reply after silence).
    /// </summary>
    public double? LoudnessAboveEcho(long onset)
    {
        lock (_gate)
        {
            var onsetSlot = SlotOf(onset);
            var to = _lastHeardSlot;
            var beforeTo = onsetSlot - OnsetGuardSlots;
            var beforeFrom = Math.Max(0, onsetSlot - BeforeOnsetSlots); // a young session: the time since it began
            if (to < onsetSlot || beforeTo < beforeFrom)
            {
                return null;
            }

            var audible = 0;
            for (var slot = beforeFrom; slot <= beforeTo - EchoLagSlots; slot++)
            {
                audible += Get(_played, _playedSlot, slot) > AudibleDb ? 1 : 0;
            }

            var heardBefore = 0;
            var loudestBefore = SilenceDb;
            for (var slot = beforeFrom; slot <= beforeTo; slot++)
            {
                heardBefore += _heardSlot[(int)(slot % Slots)] == slot ? 1 : 0;
                loudestBefore = Math.Max(loudestBefore, Get(_heard, _heardSlot, slot));
            }

            if (heardBefore * 4 < (beforeTo - beforeFrom + 1) * 3)
            {
                return null;
            }

            // Early in a reply the second before shows no echo yet: how loud this line carried the agent earlier says it.
            var reference = loudestBefore;
            if (audible < MinAudibleSlots)
            {
                if (EchoLevelEarlier(beforeTo) is not { } earlier)
                {
                    return null;
                }

                reference = Math.Max(reference, earlier);
            }

            var loudestNow = SilenceDb;
            for (var slot = Math.Max(onsetSlot, to - Slots + 1); slot <= to; slot++)
            {
                loudestNow = Math.Max(loudestNow, Get(_heard, _heardSlot, slot));
            }
            return loudestNow - reference;
        }
    }

    /// <summary>
    /// How loud the microphone was, in the last 16 s up to <paramref name="to"/>, where the agent's echo was due whatever
    /// its lag (the agent audible through most of the 320 ms before): its 90th percentile, an echo's level on a line that
    /// carries one, the room's on a line that does not (a minority of slots with the user's own voice over the agent only
    /// raises it, so fewer cuts). Null with less than a second of such slots: a session's first reply.
    /// </summary>
    private double? EchoLevelEarlier(long to)
    {
        var from = Math.Max(EchoLagSlots, _lastHeardSlot - Slots + 1 + EchoLagSlots);
        Span<double> levels = stackalloc double[Slots];
        var count = 0;
        var audible = 0;
        for (var slot = from - EchoLagSlots; slot < from; slot++)
        {
            audible += Get(_played, _playedSlot, slot) > AudibleDb ? 1 : 0;
        }

        for (var slot = from; slot <= to; slot++)
        {
            audible += Get(_played, _playedSlot, slot) > AudibleDb ? 1 : 0;
            if (audible * 4 >= (EchoLagSlots + 1) * 3 && _heardSlot[(int)(slot % Slots)] == slot)
            {
                levels[count++] = _heard[(int)(slot % Slots)];
            }

            audible -= Get(_played, _playedSlot, slot - EchoLagSlots) > AudibleDb ? 1 : 0;
        }

        if (count < BeforeOnsetSlots)
        {
            return null;
        }

        levels = levels[..count];
        levels.Sort();
        return levels[(int)(count * 0.9)];
    }

    private double Correlation(long from, long to, int delay)
    {
        double n = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        for (var slot = from; slot <= to; slot++)
        {
            var x = Get(_heard, _heardSlot, slot);
            var y = Get(_played, _playedSlot, slot - delay);
            n++;
            sx += x;
            sy += y;
            sxx += x * x;
            syy += y * y;
            sxy += x * y;
        }

        var vx = (n * sxx) - (sx * sx);
        var vy = (n * syy) - (sy * sy);
        // A flat side (silence, or a steady hum) explains nothing.
        return vx <= n * n || vy <= n * n ? 0 : ((n * sxy) - (sx * sy)) / Math.Sqrt(vx * vy);
    }

    /// <summary>Lays audio starting at <paramref name="at"/> on one side's slots, a loudness each; returns the last slot filled.</summary>
    private long Lay(double[] values, long[] slots, long at, ReadOnlySpan<short> samples, int sampleRate)
    {
        var perSlot = (int)(sampleRate * Slot.TotalSeconds);
        var slot = SlotOf(at);
        for (var offset = 0; offset < samples.Length; offset += perSlot, slot++)
        {
            Put(values, slots, slot, Decibels(samples.Slice(offset, Math.Min(perSlot, samples.Length - offset))));
        }

        return slot - 1;
    }

    private long SlotOf(long timestamp) => (long)Math.Floor(_time.GetElapsedTime(_origin, timestamp) / Slot);

    private static void Put(double[] values, long[] slots, long slot, double value)
    {
        if (slot < 0)
        {
            return;
        }

        var i = (int)(slot % Slots);
        values[i] = value;
        slots[i] = slot;
    }

    private static double Get(double[] values, long[] slots, long slot)
    {
        if (slot < 0)
        {
            return SilenceDb;
        }

        var i = (int)(slot % Slots);
        return slots[i] == slot ? values[i] : SilenceDb;
    }

    private static double Decibels(ReadOnlySpan<short> samples)
    {
        if (samples.IsEmpty)
        {
            return SilenceDb;
        }

        double sum = 0;
        foreach (var s in samples)
        {
            sum += (double)s * s;
        }

        var meanSquare = sum / samples.Length / (32768.0 * 32768.0);
        return Math.Max(SilenceDb, 10 * Math.Log10(meanSquare + 1e-12));
    }
}
