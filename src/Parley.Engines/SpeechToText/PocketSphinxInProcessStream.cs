namespace Parley.Engines.SpeechToText;

/// <summary>One utterance on a rented decoder; disposing gives the decoder back.</summary>
internal sealed class PocketSphinxInProcessStream : ISpeechRecognitionStream
{
    private readonly PocketSphinxDecoderPool _pool;
    private readonly PocketSphinxDecoder _decoder;

    // Calls are documented as single-caller, but a Dispose racing a Push would hand the decoder to another stream
    // while native code still uses it; an uncontended lock is cheap next to decoding.
    private readonly Lock _gate = new();
    private string? _finalText;

    // A decoder that failed a call is in an unknown state: it is freed on return rather than reused.
    private bool _healthy = true;
    private bool _disposed;

    public PocketSphinxInProcessStream(PocketSphinxDecoderPool pool, PocketSphinxDecoder decoder)
    {
        _pool = pool;
        _decoder = decoder;
    }

    /// <summary>The rented decoder, for tests.</summary>
    internal PocketSphinxDecoder Decoder => _decoder;

    public void Push(ReadOnlySpan<short> samples)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            if (_finalText is not null)
            {
                throw new InvalidOperationException("The utterance is complete; open a new stream for more audio.");
            }

            try
            {
                _decoder.Process(samples);
            }
            catch
            {
                _healthy = false;
                throw;
            }
        }
    }

    public string GetPartialText()
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            return _finalText ?? _decoder.GetHypothesis();
        }
    }

    public string Complete()
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            if (_finalText is null)
            {
                try
                {
                    _decoder.EndUtterance();
                }
                catch
                {
                    _healthy = false;
                    throw;
                }

                _finalText = _decoder.GetHypothesis();
            }

            return _finalText;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_healthy && _decoder.InUtterance)
            {
                // A decoder must be idle before its next ps_start_utt. With -fwdflat no -bestpath no this takes ~3 ms
                // after trailing silence, up to ~40 ms when the audio stops mid-word.
                try
                {
                    _decoder.EndUtterance();
                }
                catch (InvalidOperationException)
                {
                    _healthy = false;
                }
            }

            _pool.Return(_decoder, _healthy);
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
