using System.Text;
using Parley.Engines.Speech;

namespace Parley.Engines.SpeechToText.Deepgram;

/// <summary>
/// One utterance on a Deepgram connection. Deepgram's timestamps count audio since the connection opened, so results
/// that end before this utterance's first sample belong to the one before and are ignored. The final text is the
/// <c>is_final</c> transcripts in order; completing sends <c>Finalize</c> and waits for the answer marked
/// <c>from_finalize</c>.
/// </summary>
internal sealed class DeepgramUtterance : IUtteranceRecognition, IDeepgramListener
{
    // Less than a sample at 16 kHz is rounding; anything more is audio.
    private const double SameInstant = 1e-4;

    private readonly DeepgramRecognizer _engine;
    private readonly DeepgramConnection _connection;
    private readonly double _start;
    private readonly Lock _gate = new();
    private readonly List<string> _finals = [];
    private readonly TaskCompletionSource _finalized = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string _interim = "";
    private bool _endOfTurn;
    private double _endOfTurnAt = double.NegativeInfinity;
    private bool _pushed;
    private bool _finalizing;
    private SpeechEngineException? _failure;
    private Task<string>? _completion;

    public DeepgramUtterance(DeepgramRecognizer engine, DeepgramConnection connection)
    {
        _engine = engine;
        _connection = connection;
        _start = connection.Position;
        connection.Attach(this);
    }

    public bool EndOfTurn
    {
        get
        {
            lock (_gate)
            {
                return _endOfTurn;
            }
        }
    }

    public void Push(ReadOnlySpan<short> samples)
    {
        if (_completion is not null)
        {
            throw new InvalidOperationException("The utterance was completed; begin another.");
        }

        lock (_gate)
        {
            if (_failure is not null)
            {
                throw _failure;
            }
        }

        if (samples.IsEmpty)
        {
            // Deepgram closes a stream that receives an empty binary message.
            return;
        }

        _connection.SendAudio(samples);
        _pushed = true;
    }

    public string? GetPartialText()
    {
        lock (_gate)
        {
            var text = Join(_finals, _interim);
            return text.Length == 0 ? null : text;
        }
    }

    /// <remarks>
    /// Deepgram answers <c>Finalize</c> when it had audio to flush; when it had none it may not answer. So a wait that
    /// runs out (<see cref="DeepgramRecognizerOptions.StallTimeout"/>) is a failure only while interim words are still
    /// unconfirmed; otherwise the final words already heard are the text.
    /// </remarks>
    public Task<string> CompleteAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_failure is not null)
            {
                return Task.FromException<string>(_failure);
            }
        }

        return _completion ??= _pushed ? FinalizeAsync(cancellationToken) : Task.FromResult(string.Empty);
    }

    public ValueTask DisposeAsync()
    {
        _connection.Detach(this);
        if (_pushed && _completion is null && _connection.IsAlive)
        {
            // Given up unfinished: flush its audio now, so its words cannot run into the next utterance's results.
            _connection.SendControl(DeepgramOutgoing.Finalize);
        }

        return ValueTask.CompletedTask;
    }

    public void OnMessage(DeepgramMessage message)
    {
        lock (_gate)
        {
            switch (message.Kind)
            {
                case DeepgramMessageKind.Results when message.Start + message.Duration > _start + SameInstant:
                    if (message.IsFinal)
                    {
                        if (message.Transcript.Length > 0)
                        {
                            _finals.Add(message.Transcript);
                        }

                        _interim = "";
                    }
                    else
                    {
                        _interim = message.Transcript;
                    }

                    if (message.SpeechFinal)
                    {
                        _endOfTurn = true;
                        _endOfTurnAt = message.Start + message.Duration;
                    }
                    else if (message.Transcript.Length > 0 && message.Start + SameInstant >= _endOfTurnAt)
                    {
                        // Words after Deepgram said the speaker finished: they had not.
                        _endOfTurn = false;
                    }

                    if (message.FromFinalize && _finalizing)
                    {
                        _finalized.TrySetResult();
                    }

                    break;
                case DeepgramMessageKind.UtteranceEnd when message.LastWordEnd > _start + SameInstant:
                    _endOfTurn = true;
                    _endOfTurnAt = Math.Max(_endOfTurnAt, message.LastWordEnd);
                    break;
                case DeepgramMessageKind.SpeechStarted when message.Start > _start + SameInstant && message.Start > _endOfTurnAt + SameInstant:
                    _endOfTurn = false;
                    break;
            }
        }
    }

    public void OnFailed(SpeechEngineException failure)
    {
        lock (_gate)
        {
            _failure ??= failure;
        }

        _finalized.TrySetResult();
    }

    private async Task<string> FinalizeAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _finalizing = true;
        }

        _connection.SendControl(DeepgramOutgoing.Finalize);
        var timeout = _engine.Options.StallTimeout;
        using var timer = new CancellationTokenSource(timeout, _engine.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            await _finalized.Task.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            lock (_gate)
            {
                if (_interim.Length > 0 && _failure is null)
                {
                    throw SpeechEngineFailures.Stalled(_engine.Name, "after Finalize while words were still unconfirmed", timeout);
                }
            }
        }

        lock (_gate)
        {
            if (_failure is not null)
            {
                throw _failure;
            }

            return Join(_finals, "");
        }
    }

    private static string Join(List<string> finals, string interim)
    {
        var text = new StringBuilder();
        foreach (var part in finals.Append(interim).Where(p => p.Length > 0))
        {
            text.Append(text.Length > 0 ? " " : "").Append(part);
        }

        return text.ToString();
    }
}
