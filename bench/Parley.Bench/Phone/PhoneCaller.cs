using Parley.Testing.Telephony;

namespace Parley.Bench.Phone;

/// <summary>
/// One person on a phone call: Twilio's voice webhook rings the number, the emulated carrier opens the call's media stream
/// and streams the caller's µ-law speech at real time in 20 ms frames (silence between turns), plays the agent's audio on
/// its own clock, returns marks and honours <c>clear</c>. The same questions as the WebSocket callers.
/// </summary>
/// <remarks>
/// Times are on the line's clock (<see cref="EmulatedCarrierStream.NowMs"/>): the caller's true end of speech is when the
/// frame holding its last loud sample went out, and the answer starts when its first frame begins to play in the earpiece.
/// </remarks>
internal sealed partial class PhoneCaller(int id, BenchOptions options, BenchClips clips, PhoneNumberSetup number, TimeSpan startDelay)
{
    private EmulatedCarrierStream _line = null!;

    public async Task<CallerResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var turns = new List<TurnResult>();
        var errors = new List<string>();
        await Task.Delay(startDelay, cancellationToken);
        try
        {
            var (url, token) = await number.RingAsync(id);
            await using var line = await EmulatedCarrierStream.ConnectAsync(url, "twilio", token);
            _line = line;

            // A phone call is answered with a greeting; the caller hears it out before asking, as a person does, so the
            // first turn's answer is not taken for the greeting.
            await line.WaitForAgentToFinishAsync(TimeSpan.FromMilliseconds(options.QuietMs), TimeSpan.FromMilliseconds(options.AnswerTimeoutMs * 4));
            var asked = 0;
            var thinking = new Random(id);
            for (var turn = 0; turn < options.Turns; turn++)
            {
                if (options.ThinkMs > 0)
                {
                    await Task.Delay(thinking.Next(options.ThinkMs), cancellationToken); // The line streams silence meanwhile.
                }

                var result = options.IsBargeInTurn(turn)
                    ? await BargeInTurnAsync(turn, cancellationToken)
                    : await TalkAsync(turn, clips.Questions[asked++ % clips.Questions.Count], cancellationToken);
                turns.Add(result);
                if (result.Error is not null)
                {
                    break; // A late answer to this turn would be taken for the next one's.
                }
            }

            await line.HangUpAsync();
            errors.AddRange(line.ProtocolErrors.Select(e => $"protocol error: {e.Detail}"));
            return new CallerResult
            {
                Caller = id, Turns = turns, Errors = errors, FrameLeadsMs = [.. line.Audio.Select(a => a.AheadMs)],
            };
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or InvalidDataException or HttpRequestException
            or System.Net.WebSockets.WebSocketException)
        {
            errors.Add($"{ex.GetType().Name}: {ex.Message}");
            return new CallerResult { Caller = id, Turns = turns, Errors = errors };
        }
    }

    private async Task<TurnResult> TalkAsync(int turn, SpeechClip clip, CancellationToken cancellationToken)
    {
        var startMs = _line.NowMs;
        await _line.SayAsync(clip.Samples);
        var endMs = _line.SpeechEndMs ?? throw new InvalidOperationException($"\"{clip.Text}\" has no speech above the line's threshold");
        var first = await FirstAudioAsync(startMs, endMs, cancellationToken);
        if (first is null)
        {
            return Result(turn, clip.Text, startMs, endMs, null, $"no agent audio within {options.AnswerTimeoutMs} ms of the end of speech");
        }

        await _line.WaitForAgentToFinishAsync(TimeSpan.FromMilliseconds(options.QuietMs), TimeSpan.FromMilliseconds(options.AnswerTimeoutMs * 4), startMs);
        return Result(turn, clip.Text, startMs, endMs, first, null);
    }

    /// <summary>Waits for the first agent audio after <paramref name="afterMs"/>, at most the answer timeout past <paramref name="endOfSpeechMs"/>.</summary>
    private async Task<LineAudio?> FirstAudioAsync(double afterMs, double endOfSpeechMs, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_line.FirstAudioAfter(afterMs) is { } first)
            {
                return first;
            }

            if (_line.NowMs - endOfSpeechMs > options.AnswerTimeoutMs)
            {
                return null;
            }

            await Task.Delay(5, cancellationToken);
        }
    }

    private TurnResult Result(int turn, string said, double startMs, double endMs, LineAudio? first, string? error)
    {
        var frames = _line.Audio.Where(a => a.ArrivedMs > startMs).ToList();
        var (underrunMs, longestMs) = Underrun(frames, _line.Clears.Where(c => c.AtMs > startMs).Select(c => c.AtMs).ToList());
        return new TurnResult
        {
            Caller = id,
            Turn = turn + 1,
            Said = said,
            LatencyMs = first?.PlayStartMs - endMs,
            AnswerAudioMs = frames.Sum(f => f.PlayEndMs - f.PlayStartMs),
            AnswerSpanMs = frames.Count == 0 ? 0 : frames[^1].ArrivedMs - frames[0].ArrivedMs,
            UnderrunMs = underrunMs,
            LongestUnderrunMs = longestMs,
            FellBehind = underrunMs > TurnResult.BehindUnderrunMs,
            MaxLineLeadMs = frames.Count == 0 ? null : frames.Max(f => f.AheadMs),
            Error = error,
        };
    }

    /// <summary>Gaps in the earpiece within an answer (a frame that began after the one before it ended), not counting the silence after a clear.</summary>
    private static (double Total, double Longest) Underrun(List<LineAudio> frames, List<double> clears)
    {
        double total = 0, longest = 0;
        for (var i = 1; i < frames.Count; i++)
        {
            var gap = frames[i].PlayStartMs - frames[i - 1].PlayEndMs;
            var clearedBetween = clears.Any(c => c >= frames[i - 1].ArrivedMs && c <= frames[i].ArrivedMs);
            if (gap > 0.5 && !clearedBetween)
            {
                total += gap;
                longest = Math.Max(longest, gap);
            }
        }

        return (total, longest);
    }
}
