using System.Runtime.InteropServices;
using Microsoft.Extensions.AI;
using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Sessions.Telemetry;
using Parley.Sessions.Turns;

namespace Parley.Sessions.Replies;

/// <summary>One agent reply: it owns its cancellation, its audio, and knows how much of it was heard.</summary>
/// <remarks>
/// Interrupting is one call: it stops generation, synthesis and pacing, and posts <c>interrupted</c> under the
/// same lock that posts audio, so no audio frame can follow <c>interrupted</c> on the wire.
/// </remarks>
internal sealed partial class ReplyHandle
{
    private readonly ReplyContext _context;
    private readonly CancellationTokenSource _cancellation;
    private readonly AudioPacer _pacer;
    private readonly IReplyPlayback _playback;
    private readonly SpokenText _spoken = new();
    private readonly List<ChatResponseUpdate> _updates = [];
    private readonly Lock _gate = new();
    private TurnTimings? _timings;
    private ResumeGap? _resumeGap;
    private bool _interrupted;
    private bool _finished;
    private TimeSpan _playedAtInterrupt;
    private TaskCompletionSource? _held;
    private Task _questionStored = Task.CompletedTask;
    private bool _linePaused;

    private ReplyHandle(ReplyContext context, TurnTimings? timings, bool held, CancellationToken sessionToken)
    {
        _context = context;
        _timings = timings;
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(sessionToken);
        _pacer = new AudioPacer(context.Time, context.Options.PlaybackLead);
        _playback = context.Line?.ForReply(_pacer, context.Time) ?? new PacedPlayback(_pacer);
        if (held)
        {
            _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>The text being spoken while the reply's audio plays; null before its first audio and once it is over.</summary>
    public string? SpeechInProgress
    {
        get
        {
            lock (_gate)
            {
                return _finished || _interrupted || _spoken.IsEmpty ? null : _spoken.FullText;
            }
        }
    }

    /// <summary>Whether its line fell silent at the onset of speech over it (<see cref="PauseLine"/>) and has not played again.</summary>
    public bool LinePaused
    {
        get
        {
            lock (_gate)
            {
                return _linePaused;
            }
        }
    }

    /// <summary>Completes when the reply has finished, been interrupted, or failed; never faults.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>Starts a reply to <paramref name="messages"/>; the caller makes sure the previous one is over.</summary>
    /// <param name="context">The session's reply context.</param>
    /// <param name="messages">The conversation to answer.</param>
    /// <param name="sessionToken">The session's lifetime.</param>
    /// <param name="timings">The spoken turn being answered, whose later stages this reply records; null when it answers no spoken turn.</param>
    /// <param name="held">Whether it starts held (see <see cref="Hold"/>).</param>
    /// <param name="questionStored">Completes once the user's line this answers is stored: the first audio waits for it (the answer is prepared meanwhile).</param>
    public static ReplyHandle Start(
        ReplyContext context, IReadOnlyList<ChatMessage> messages, CancellationToken sessionToken, TurnTimings? timings = null, bool held = false,
        Task? questionStored = null)
    {
        var reply = new ReplyHandle(context, timings, held, sessionToken) { _questionStored = questionStored ?? Task.CompletedTask };
        timings?.ReplyStarted();
        // Not the session token: Completion must run to the end, where what was heard is recorded.
        reply.Completion = Task.Run(
            () => reply.RunAsync(token => context.Agent.GetStreamingResponseAsync(messages, context.ChatOptions, token)), CancellationToken.None);
        return reply;
    }

    /// <summary>Starts a reply that says <paramref name="text"/> as it is, without asking the agent (the rest of a reply cut off by mistake).</summary>
    /// <param name="context">The session's reply context.</param>
    /// <param name="text">What to say.</param>
    /// <param name="sessionToken">The session's lifetime.</param>
    /// <param name="held">Whether it starts held (see <see cref="Hold"/>).</param>
    /// <param name="resumeGap">When it resumes a reply cut off by mistake: times the silence until its first frame.</param>
    public static ReplyHandle StartScripted(ReplyContext context, string text, CancellationToken sessionToken, bool held = false, ResumeGap? resumeGap = null)
    {
        var reply = new ReplyHandle(context, timings: null, held, sessionToken) { _resumeGap = resumeGap };
        reply.Completion = Task.Run(() => reply.RunAsync(_ => Script(text)), CancellationToken.None);
        return reply;
    }

    /// <summary>
    /// Once an interrupted reply is over: what the listener did not hear, from the start of the sentence that was cut
    /// (said again whole, so it makes sense) through the text generated but not yet spoken. Empty for a reply that
    /// was not interrupted.
    /// </summary>
    public string Unheard
    {
        get
        {
            lock (_gate)
            {
                if (!_finished || !_interrupted)
                {
                    return string.Empty;
                }

                var generated = string.Concat(_updates.Select(u => u.Text));
                return _spoken.RestAfterHeard(generated, _playedAtInterrupt);
            }
        }
    }

    /// <summary>Holds the reply's audio back (it goes on preparing) until <see cref="Release"/>: the user began to speak, and may be taking a turn.</summary>
    public void Hold()
    {
        lock (_gate)
        {
            if (!_finished && !_interrupted)
            {
                _held ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    /// <summary>Lets held audio play: what the user said was no turn.</summary>
    public void Release()
    {
        TaskCompletionSource? held;
        bool resume;
        lock (_gate)
        {
            held = _held;
            _held = null;
            resume = _linePaused && !_interrupted;
            _linePaused = false;
        }

        if (resume)
        {
            _playback.Resume();
        }

        held?.TrySetResult();
    }

    /// <summary>
    /// The user began to speak over the reply: on a line that can fall silent at once (a phone call), silence it and hold
    /// the rest, until their words show whether they are taking the floor (<see cref="Interrupt"/>) or not (<see cref="Release"/>).
    /// </summary>
    /// <remarks>A client of <c>/ws/voice</c> cannot be told to pause, only <c>interrupted</c>: there the reply plays on.</remarks>
    public void PauseLine()
    {
        lock (_gate)
        {
            if (_finished || _interrupted || _linePaused || !_playback.CanPause)
            {
                return;
            }

            _linePaused = true;
            _held ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _playback.Pause();
        }
    }

    /// <summary>Cuts the reply off, telling the client with <c>interrupted</c> when <paramref name="notify"/>; false when it was already over.</summary>
    public bool Interrupt(bool notify = true)
    {
        lock (_gate)
        {
            if (_finished || _interrupted)
            {
                return false;
            }

            _interrupted = true;
            _confirmation?.Drop(); // A reply cut before its turn was confirmed never runs a tool that waits for it.
            _playedAtInterrupt = _playback.Played;
            if (notify)
            {
                _context.Outbox.Post(InterruptedMessage.Instance);
                ParleyMetrics.Interruptions.Add(1);
            }
        }

        _cancellation.Cancel();
        return true;
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> Script(string text)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        yield return new ChatResponseUpdate(ChatRole.Assistant, text);
    }

    private async Task RunAsync(Func<CancellationToken, IAsyncEnumerable<ChatResponseUpdate>> generate)
    {
        var token = _cancellation.Token;
        try
        {
            await SpeakAsync(generate(token), token).ConfigureAwait(false);
            await _playback.WaitUntilPlayedAsync(token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Interrupted, or the session is ending: what was heard is recorded below.
        }
        catch (Exception ex)
        {
            Finish();
            await SettleHeldReportsAsync().ConfigureAwait(false);
            _context.Recorder?.ReplyEnded(this, _playback.Played);
            await _context.Observer.OnReplyEndedAsync(new TurnEvent.ReplyEnded(this, string.Empty, Interrupted: false, [], ex)).ConfigureAwait(false);
            return;
        }

        var interrupted = Finish();
        await SettleHeldReportsAsync().ConfigureAwait(false);
        // The recording keeps what played: up to the interruption, all of it when the reply ran out, and what had
        // played by now when the session's end stopped it.
        _context.Recorder?.ReplyEnded(this, interrupted ? _playedAtInterrupt : token.IsCancellationRequested ? _playback.Played : _pacer.Sent);
        // A reply that ran to its end was heard whole; only a cut one is cut to what had played.
        var heard = interrupted ? _spoken.HeardText(_playedAtInterrupt) : _spoken.FullText;
        await _context.Observer.OnReplyEndedAsync(new TurnEvent.ReplyEnded(this, heard, interrupted, ToolExchange.From(_updates), Failure: null)).ConfigureAwait(false);
    }

    private bool Finish()
    {
        lock (_gate)
        {
            _finished = true;
            _confirmation?.Drop(); // Over before its turn was confirmed: what its tools would report is never said.
            return _interrupted;
        }
    }

    /// <summary>Speaks the agent's words piece by piece; the next piece is synthesised while the current one plays.</summary>
    private async Task SpeakAsync(IAsyncEnumerable<ChatResponseUpdate> updates, CancellationToken token)
    {
        var synthesis = new PieceSynthesis(_context, Reached, update =>
        {
            lock (_gate)
            {
                _updates.Add(update);
            }
        });
        using var stopProducing = CancellationTokenSource.CreateLinkedTokenSource(token);
        var producing = synthesis.RunAsync(updates, stopProducing.Token);
        try
        {
            // The answer is prepared meanwhile; it is heard only once the question it answers is stored (or, with the
            // database away, once storing it has failed and is being retried: an outage does not silence the agent).
            await _questionStored.WaitAsync(token).ConfigureAwait(false);
            await foreach (var piece in synthesis.Pieces.ReadAllAsync(token).ConfigureAwait(false))
            {
                if (!await PlayPieceAsync(piece, token).ConfigureAwait(false))
                {
                    break;
                }
            }
        }
        finally
        {
            await stopProducing.CancelAsync().ConfigureAwait(false);
            try
            {
                await producing.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    /// <summary>Paces a piece's speech out in frames as its chunks arrive; false when the reply was cut off meanwhile.</summary>
    private async Task<bool> PlayPieceAsync(SpokenPiece piece, CancellationToken token)
    {
        var frameSamples = (int)(AudioFormats.OutputSampleRate * _context.Options.OutputFrameDuration.TotalSeconds);
        var first = true;
        await foreach (var chunk in piece.Chunks.ReadAllAsync(token).ConfigureAwait(false))
        {
            var samples = chunk.SampleRate == AudioFormats.OutputSampleRate
                ? chunk.Samples
                : _context.Resampler.Resample(chunk.Samples, chunk.SampleRate, AudioFormats.OutputSampleRate);
            for (var offset = 0; offset < samples.Length; offset += frameSamples)
            {
                var count = Math.Min(frameSamples, samples.Length - offset);
                var frameDuration = TimeSpan.FromSeconds((double)count / AudioFormats.OutputSampleRate);
                await WhileHeld().WaitAsync(token).ConfigureAwait(false);
                await _pacer.WaitToSendAsync(frameDuration, token).ConfigureAwait(false);
                var data = Convert.ToBase64String(MemoryMarshal.AsBytes(samples.AsSpan(offset, count)));
                if (!TryPostAudio(new AudioMessage(new AudioPayload { Data = data, MimeType = AudioFormats.OutputMimeType }), first ? piece.Text : null, frameDuration, count))
                {
                    token.ThrowIfCancellationRequested();
                    return false;
                }

                first = false;
                var playsAt = _pacer.PlaysAt(_pacer.Sent - frameDuration);
                _context.Echo?.AddPlayed(playsAt, samples.AsSpan(offset, count), AudioFormats.OutputSampleRate);
                _context.Recorder?.AgentFrame(this, samples.AsMemory(offset, count), playsAt);
                Volatile.Read(ref _timings)?.FirstFrame();
                _resumeGap?.FirstFrame();
            }

            lock (_gate)
            {
                _spoken.Lengthen(chunk.Duration, chunk.Words);
            }
        }

        // Its length is known once its last chunk is out: a line that confirms what it played (a phone call) marks the end here.
        lock (_gate)
        {
            if (!first && !_interrupted)
            {
                _playback.PieceSent(_pacer.Sent);
            }
        }

        return true;
    }

    private Task WhileHeld()
    {
        lock (_gate)
        {
            // Once a speculative reply is confirmed, the tool statuses held until then go out before its audio.
            return _held?.Task ?? (_confirmation is { IsConfirmed: true } confirmed ? confirmed.HeldReports : Task.CompletedTask);
        }
    }

    /// <summary>Posts a frame, and with the first frame of a piece its live transcript, unless the reply was cut off: then neither.</summary>
    private bool TryPostAudio(AudioMessage message, string? pieceStarting, TimeSpan frameDuration, int frameSamples)
    {
        lock (_gate)
        {
            if (_interrupted)
            {
                return false;
            }

            if (pieceStarting is not null)
            {
                // The piece is laid where its first frame lands, which moves after an underrun; it lengthens as its chunks play.
                _spoken.Add(pieceStarting, _pacer.Sent - frameDuration);
                if (_context.SendAgentPieces)
                {
                    _context.Outbox.Post(new TranscriptMessage(new TranscriptPayload(Roles.Agent, pieceStarting)));
                }
            }

            if (!_context.Outbox.Post(message))
            {
                return false;
            }

            _playback.FrameSent(frameSamples);
            return true;
        }
    }
}
