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
        }

        timings?.ReplyStarted();
        _questionStoredAtConfirmation!.TrySetResult(questionStored);
        Release();
        return true;
    }

    /// <summary>Drops it without telling the client (there is nothing to take back): the user went on, or said something else.</summary>
    public void Drop() => Interrupt(notify: false);

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
