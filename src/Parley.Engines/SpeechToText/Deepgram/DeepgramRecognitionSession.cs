using Parley.Engines.Speech;

namespace Parley.Engines.SpeechToText.Deepgram;

/// <summary>
/// A call's recognition on Deepgram: one connection, kept across utterances. When it drops, a reconnection starts at
/// once (the first attempt immediate, then with doubling waits, <see cref="DeepgramRecognizerOptions.ReconnectAttempts"/>
/// in all); the session owns that task and the next utterance waits for it.
/// </summary>
internal sealed class DeepgramRecognitionSession : IRecognitionSession
{
    private readonly DeepgramRecognizer _engine;
    private readonly Uri _url;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _disposing = new();
    private DeepgramConnection? _connection;
    private Task<DeepgramConnection>? _reconnecting;
    private bool _disposed;

    private DeepgramRecognitionSession(DeepgramRecognizer engine, Uri url)
    {
        _engine = engine;
        _url = url;
    }

    public static async Task<DeepgramRecognitionSession> OpenAsync(DeepgramRecognizer engine, Uri url, CancellationToken cancellationToken)
    {
        var session = new DeepgramRecognitionSession(engine, url);
        session._connection = await session.ConnectAsync(cancellationToken).ConfigureAwait(false);
        return session;
    }

    public async ValueTask<IUtteranceRecognition> BeginUtteranceAsync(CancellationToken cancellationToken = default)
    {
        Task<DeepgramConnection> pending;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_reconnecting is null && _connection!.IsAlive)
            {
                return new DeepgramUtterance(_engine, _connection);
            }

            if (_reconnecting is null || _reconnecting.IsFaulted)
            {
                // The last reconnection gave up; the network may be back now. Its failure was reported to whoever waited.
                _ = _reconnecting?.Exception;
                _reconnecting = ReconnectAsync(_connection!);
            }

            pending = _reconnecting;
        }

        var connection = await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new DeepgramUtterance(_engine, connection);
    }

    public async ValueTask DisposeAsync()
    {
        Task<DeepgramConnection>? pending;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            pending = _reconnecting;
        }

        await _disposing.CancelAsync().ConfigureAwait(false);
        if (pending is not null)
        {
            try
            {
                await pending.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SpeechEngineException or OperationCanceledException)
            {
                // Ending the call; a reconnection that failed or was stopped has nothing left to close.
            }
        }

        DeepgramConnection? connection;
        lock (_gate)
        {
            connection = _connection;
        }

        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        _disposing.Dispose();
    }

    private Task<DeepgramConnection> ConnectAsync(CancellationToken cancellationToken)
        => DeepgramConnection.OpenAsync(_engine, _url, OnConnectionFailed, cancellationToken);

    private void OnConnectionFailed(DeepgramConnection failed)
    {
        lock (_gate)
        {
            if (!_disposed && failed == _connection && _reconnecting is null)
            {
                _reconnecting = ReconnectAsync(failed);
            }
        }
    }

    private async Task<DeepgramConnection> ReconnectAsync(DeepgramConnection old)
    {
        // Started from the failed connection's own loop: let that loop finish before awaiting it.
        await Task.Yield();
        await old.DisposeAsync().ConfigureAwait(false);
        var options = _engine.Options;
        SpeechEngineException? last = null;
        for (var attempt = 0; attempt < options.ReconnectAttempts; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(options.ReconnectDelay * Math.Pow(2, attempt - 1), _engine.TimeProvider, _disposing.Token).ConfigureAwait(false);
            }

            try
            {
                var fresh = await ConnectAsync(_disposing.Token).ConfigureAwait(false);
                lock (_gate)
                {
                    if (!_disposed)
                    {
                        _connection = fresh;
                        _reconnecting = null;
                        return fresh;
                    }
                }

                await fresh.DisposeAsync().ConfigureAwait(false);
                throw new OperationCanceledException("The recognition session was disposed while reconnecting.");
            }
            catch (SpeechEngineException ex)
            {
                last = ex;
                if (!ex.Retryable)
                {
                    break;
                }
            }
        }

        throw new SpeechEngineException($"{_engine.Name} could not reconnect: {last!.Message}", last)
        {
            Engine = _engine.Name,
            StatusCode = last.StatusCode,
            Retryable = last.Retryable,
        };
    }
}
