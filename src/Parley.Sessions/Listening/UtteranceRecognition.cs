using Parley.Engines.SpeechToText;

namespace Parley.Sessions.Listening;

/// <summary>The recognition of one utterance, which may still be beginning (a decoder being built, a connection coming back).</summary>
/// <remarks>
/// Frames given before the recogniser's utterance has begun are kept and fed to it once it has, so the listener never
/// stops hearing (VAD, endpointing, barge-in) while it waits; the recogniser catches up faster than real time.
/// </remarks>
internal sealed class UtteranceRecognition : IAsyncDisposable
{
    private readonly Task<IUtteranceRecognition> _beginning;
    private readonly Queue<short[]> _backlog = new();
    private IUtteranceRecognition? _utterance;
    private string? _partial;
    private bool _partialAsked;

    public UtteranceRecognition(Task<IUtteranceRecognition> beginning) => _beginning = beginning;

    /// <summary>Begins an utterance on a call's recognition, which may itself still be opening.</summary>
    public static UtteranceRecognition Begin(Task<IRecognitionSession> session, CancellationToken cancellationToken)
        => new(BeginAsync(session, cancellationToken));

    /// <summary>Feeds a frame the caller will not change again (pre-roll).</summary>
    public void PushOwned(short[] frame) => Push(frame, owned: true);

    /// <summary>Feeds a frame from a buffer the caller reuses.</summary>
    public void Push(short[] frame) => Push(frame, owned: false);

    /// <summary>The words so far; null while the utterance is still beginning or when the recogniser gives none. Asked of it again only after new audio.</summary>
    public string? PartialText
    {
        get
        {
            if (!TryBegun())
            {
                return null;
            }

            if (!_partialAsked)
            {
                _partial = _utterance!.GetPartialText();
                _partialAsked = true;
            }

            return _partial;
        }
    }

    /// <summary>Whether the recogniser itself has said the speaker finished.</summary>
    public bool EndOfTurn => TryBegun() && _utterance!.EndOfTurn;

    /// <summary>Ends the utterance (waiting for it to begin if need be) and returns its final text.</summary>
    public async Task<string> CompleteAsync(CancellationToken cancellationToken = default)
    {
        _utterance ??= await _beginning.ConfigureAwait(false);
        Drain();
        return (await _utterance.CompleteAsync(cancellationToken).ConfigureAwait(false)).Trim();
    }

    /// <summary>Gives the utterance back to its recogniser, waiting for it first if it is still beginning.</summary>
    public async ValueTask DisposeAsync()
    {
        _backlog.Clear();
        if (_utterance is null)
        {
            try
            {
                _utterance = await _beginning.ConfigureAwait(false);
            }
            catch (Exception)
            {
                return; // Nothing was begun; the failure is reported where the session ends.
            }
        }

        await _utterance.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task<IUtteranceRecognition> BeginAsync(Task<IRecognitionSession> session, CancellationToken cancellationToken)
        => await (await session.ConfigureAwait(false)).BeginUtteranceAsync(cancellationToken).ConfigureAwait(false);

    private void Push(short[] frame, bool owned)
    {
        _partialAsked = false;
        if (TryBegun())
        {
            _utterance!.Push(frame);
        }
        else
        {
            _backlog.Enqueue(owned ? frame : (short[])frame.Clone());
        }
    }

    private bool TryBegun()
    {
        if (_utterance is not null)
        {
            return true;
        }

        if (!_beginning.IsCompleted)
        {
            return false;
        }

        _utterance = _beginning.GetAwaiter().GetResult(); // An engine failure surfaces here, as it did from the beginning itself.
        Drain();
        return true;
    }

    private void Drain()
    {
        while (_backlog.TryDequeue(out var frame))
        {
            _utterance!.Push(frame);
        }
    }
}
