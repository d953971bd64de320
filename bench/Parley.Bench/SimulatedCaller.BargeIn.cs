using System.Net.WebSockets;

namespace Parley.Bench;

// A barge-in turn: ask something with a long answer, listen to the start of it, then talk over it.
internal sealed partial class SimulatedCaller
{
    private async Task<TurnResult> BargeInTurnAsync(ClientWebSocket socket, int turn, CancellationToken cancellationToken)
    {
        _tracker.Reset();
        var question = await StreamClipAsync(socket, clips.LongQuestion, cancellationToken);
        var said = $"{clips.LongQuestion.Text} / {clips.Interruption.Text}";

        // Hear the first moments of the answer, as a person does before cutting in.
        while (true)
        {
            await SendChunkAsync(socket, _silence, cancellationToken);
            var first = _tracker.Snapshot().FirstMs;
            var now = BenchClock.NowMs;
            if (first is not null && now - first >= options.BargeInDelayMs)
            {
                break;
            }

            if (_tracker.Closed || (first is null && now - question.EndMs > options.AnswerTimeoutMs))
            {
                return Result(turn, said, question.EndMs, _tracker.Closed
                    ? "the session closed during the turn"
                    : $"no agent audio within {options.AnswerTimeoutMs} ms of the end of speech");
            }
        }

        var cut = await StreamClipAsync(socket, clips.Interruption, cancellationToken);
        var error = await ListenUntilQuietAsync(socket, cut.EndMs, cancellationToken);
        var (interruptedAtMs, afterMs) = _tracker.Interruption();
        return Result(turn, said, question.EndMs, error) with
        {
            BargeIn = true,
            BargeInMs = interruptedAtMs - cut.OnsetMs,
            BargeInFromChunkMs = interruptedAtMs - cut.FirstVoicedChunkSentMs,
            AfterBargeInLatencyMs = afterMs - cut.EndMs,
        };
    }
}
