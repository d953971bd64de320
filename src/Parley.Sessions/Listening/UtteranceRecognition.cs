using Parley.Engines.SpeechToText;

namespace Parley.Sessions.Listening;

/// <summary>The recogniser stream of one utterance, which may still be opening (a decoder being built or freed).</summary>
/// <remarks>
/// Frames given before the stream opens are kept and fed to it once it does, so the listener never stops hearing
/// (VAD, endpointing, barge-in) while it waits for a decoder; the recogniser catches up faster than real time.
/// </remarks>
internal sealed class UtteranceRecognition : IAsyncDisposable
{
    private readonly Task<ISpeechRecognitionStream> _opening;
    private readonly Queue<short[]> _backlog = new();
    private ISpeechRecognitionStream? _stream;
    private string? _partial;

    public UtteranceRecognition(ValueTask<ISpeechRecognitionStream> opening) => _opening = opening.AsTask();

    /// <summary>Feeds a frame the caller will not change again (pre-roll).</summary>
    public void PushOwned(short[] frame) => Push(frame, owned: true);

    /// <summary>Feeds a frame from a buffer the caller reuses.</summary>
    public void Push(short[] frame) => Push(frame, owned: false);

    /// <summary>The words so far; null while the stream is still opening. Asked again only after new audio.</summary>
    public string? PartialText => TryOpen() ? _partial ??= _stream!.GetPartialText() : null;

    /// <summary>Ends the utterance (waiting for the stream if it is still opening) and returns its final text.</summary>
    public async Task<string> CompleteAsync()
    {
        _stream ??= await _opening.ConfigureAwait(false);
        Drain();
        return _stream.Complete().Trim();
    }

    /// <summary>Gives the stream back to its engine, waiting for it first if it is still opening.</summary>
    public async ValueTask DisposeAsync()
    {
        _backlog.Clear();
        if (_stream is null)
        {
            try
            {
                _stream = await _opening.ConfigureAwait(false);
            }
            catch (Exception)
            {
                return; // Nothing was opened; the failure is reported where the session ends.
            }
        }

        _stream.Dispose();
    }

    private void Push(short[] frame, bool owned)
    {
        _partial = null;
        if (TryOpen())
        {
            _stream!.Push(frame);
        }
        else
        {
            _backlog.Enqueue(owned ? frame : (short[])frame.Clone());
        }
    }

    private bool TryOpen()
    {
        if (_stream is not null)
        {
            return true;
        }

        if (!_opening.IsCompleted)
        {
            return false;
        }

        _stream = _opening.GetAwaiter().GetResult(); // An engine failure surfaces here, as it did from the open itself.
        Drain();
        return true;
    }

    private void Drain()
    {
        while (_backlog.TryDequeue(out var frame))
        {
            _stream!.Push(frame);
        }
    }
}
