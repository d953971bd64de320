using Parley.Testing.Telephony;

namespace Parley.Bench.Phone;

// A barge-in turn on the phone: ask something with a long answer, listen to the start of it, then talk over it.
internal sealed partial class PhoneCaller
{
    private async Task<TurnResult> BargeInTurnAsync(int turn, CancellationToken cancellationToken)
    {
        var said = $"{clips.LongQuestion.Text} / {clips.Interruption.Text}";
        var startMs = _line.NowMs;
        await _line.SayAsync(clips.LongQuestion.Samples);
        var questionEndMs = _line.SpeechEndMs ?? throw new InvalidOperationException($"\"{clips.LongQuestion.Text}\" has no speech above the line's threshold");
        var first = await FirstAudioAsync(startMs, questionEndMs, cancellationToken);
        if (first is null)
        {
            return Result(turn, said, startMs, questionEndMs, null, $"no agent audio within {options.AnswerTimeoutMs} ms of the end of speech");
        }

        // Hear the first moments of the answer in the earpiece, as a person does before cutting in.
        while (_line.NowMs - first.Value.PlayStartMs < options.BargeInDelayMs)
        {
            await Task.Delay(5, cancellationToken);
        }

        var cutStartMs = _line.NowMs;
        await _line.SayAsync(clips.Interruption.Samples);
        var onsetMs = _line.SpeechOnsetMs ?? throw new InvalidOperationException($"\"{clips.Interruption.Text}\" has no speech above the line's threshold");
        var cutEndMs = _line.SpeechEndMs ?? onsetMs;
        var clear = await ClearAsync(cutStartMs, cutEndMs, cancellationToken);
        var newAnswer = await FirstAudioAsync(clear?.AtMs ?? cutEndMs, cutEndMs, cancellationToken);
        string? error = null;
        if (newAnswer is null)
        {
            error = $"no answer to the interruption within {options.AnswerTimeoutMs} ms of its end";
        }
        else
        {
            await _line.WaitForAgentToFinishAsync(TimeSpan.FromMilliseconds(options.QuietMs), TimeSpan.FromMilliseconds(options.AnswerTimeoutMs * 4), newAnswer.Value.ArrivedMs - 1);
        }

        return Result(turn, said, startMs, questionEndMs, first, error) with
        {
            BargeIn = true,
            BargeInMs = clear?.AtMs - onsetMs,
            LineSilentMs = clear is null ? null : _line.SilentFrom(onsetMs) - onsetMs,
            ClearDroppedMs = clear?.DroppedMs,
            AfterBargeInLatencyMs = newAnswer?.PlayStartMs - cutEndMs,
        };
    }

    /// <summary>Waits for the line's <c>clear</c> after <paramref name="afterMs"/>; null if none came within the answer timeout of the speech's end.</summary>
    private async Task<LineClear?> ClearAsync(double afterMs, double endOfSpeechMs, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_line.FirstClearAfter(afterMs) is { } clear)
            {
                return clear;
            }

            if (_line.NowMs - endOfSpeechMs > options.AnswerTimeoutMs)
            {
                return null;
            }

            await Task.Delay(5, cancellationToken);
        }
    }
}
