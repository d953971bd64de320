using Microsoft.Extensions.AI;
using Parley.Agents.ToolCalls;
using Parley.Sessions.Telemetry;

namespace Parley.Sessions.Replies;

// A speculative reply: started on the user's words as they pause, before the endpoint confirms their turn. It is
// prepared as any reply is (text, synthesis, tools free of side effects) but sends nothing: its audio and transcript
// wait on the hold, its tools with effects and the statuses of those run early wait on the confirmation, and its
// first audio waits for the user's line to be stored, which happens only at the endpoint. Confirmed, it plays on as an
// ordinary reply; dropped (interrupted without a word), it ends having sent nothing, and the owner records nothing of it.
internal sealed partial class ReplyHandle
{
    private TurnConfirmation? _confirmation;
    private TaskCompletionSource<Task>? _questionStoredAtConfirmation;

    // When a speculative reply reached each stage before its turn had timings (0: not yet), handed over at confirmation.
    private long _firstTextAt;
    private long _firstAudioAt;

    /// <summary>Whether it was started speculatively and has not been confirmed: nothing of it was sent, and nothing of it may be recorded.</summary>
    public bool Unconfirmed => _confirmation is { IsConfirmed: false };

    /// <summary>Starts a reply to <paramref name="messages"/> (the conversation with the user's words as they pause), held until <see cref="TryConfirm"/>.</summary>
    public static ReplyHandle StartSpeculative(ReplyContext context, IReadOnlyList<ChatMessage> messages, CancellationToken sessionToken)
    {
        var confirmation = new TurnConfirmation();
        var questionStored = new TaskCompletionSource<Task>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reply = new ReplyHandle(context, timings: null, held: true, sessionToken)
        {
            _confirmation = confirmation,
            _questionStoredAtConfirmation = questionStored,
            _questionStored = questionStored.Task.Unwrap(),
        };
        var options = confirmation.Apply(context.ChatOptions);
        reply.Completion = Task.Run(
            () => reply.RunAsync(token => context.Agent.GetStreamingResponseAsync(messages, options, token)), CancellationToken.None);
        return reply;
    }

    /// <summary>
    /// The endpoint confirmed the turn it was started on: <paramref name="recordQuestion"/> records the user's line, then
    /// its tools may run, and it plays once the line is stored. False, and nothing recorded, when it is over already.
    /// </summary>
    /// <remarks>
    /// Under the lock that marks it finished or cut, so a confirmed reply is one that will answer; and the user's line is
    /// sent before anything this reply held back (a tool's status) can follow the confirmation.
    /// </remarks>
    public bool TryConfirm(TurnTimings? timings, Func<Task> recordQuestion)
    {
        Task questionStored;
        lock (_gate)
        {
            if (_finished || _interrupted || _confirmation is null)
            {
                return false;
            }

            questionStored = recordQuestion();
            _confirmation.Confirm();
            Volatile.Write(ref _timings, timings);
            if (timings is not null)
            {
                timings.ReplyStarted();
                // Stages reached in the pause count as reached when the recogniser finished: they waited for nothing.
                if (_firstTextAt != 0)
                {
                    timings.FirstText(_firstTextAt);
                }

                if (_firstAudioAt != 0)
                {
                    timings.FirstAudio(_firstAudioAt);
                }
            }
        }

        _questionStoredAtConfirmation!.TrySetResult(questionStored);
        Release();
        return true;
    }

    /// <summary>Drops it without telling the client (there is nothing to take back): the user went on, or said something else.</summary>
    public void Drop() => Interrupt(notify: false);

    /// <summary>A stage of the reply's preparation was reached: timed for its turn, or kept until it has one (a speculative reply).</summary>
    private void Reached(TurnStage stage)
    {
        lock (_gate)
        {
            var now = _context.Time.GetTimestamp();
            switch (stage)
            {
                case TurnStage.FirstText when _timings is { } timings:
                    timings.FirstText(now);
                    break;
                case TurnStage.FirstAudio when _timings is { } timings:
                    timings.FirstAudio(now);
                    break;
                case TurnStage.FirstText:
                    _firstTextAt = now;
                    break;
                case TurnStage.FirstAudio:
                    _firstAudioAt = now;
                    break;
            }
        }
    }

    private async Task SettleHeldReportsAsync()
    {
        if (_confirmation is null)
        {
            return;
        }

        try
        {
            await _confirmation.HeldReports.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Dropped: what its early tools would have reported is never said.
        }
    }
}
