using System.Runtime.InteropServices;
using System.Threading.Channels;
using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Protocol.Serialization;

namespace Parley.Client.Voice;

/// <summary>The send side: one loop writes every frame; control frames go before queued audio.</summary>
public sealed partial class VoiceSession
{
    private readonly Channel<OutgoingFrame> _control = Channel.CreateUnbounded<OutgoingFrame>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<OutgoingFrame> _audio;
    private readonly SemaphoreSlim _queued = new(0);
    private TaskCompletionSource _liveChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ConnectionState? _live;

    private ConnectionState? LiveState
    {
        get
        {
            lock (_gate)
            {
                return _live;
            }
        }
    }

    /// <summary>Queues microphone audio: PCM16 little-endian mono at 16 kHz, any chunk size (the iOS client sends 8192 bytes).</summary>
    /// <remarks>Waits only when the send queue is full. While the session reconnects the audio is dropped: it would arrive stale.</remarks>
    public async ValueTask SendAudioAsync(ReadOnlyMemory<byte> pcm16, CancellationToken cancellationToken = default)
    {
        if (pcm16.Length % 2 != 0)
        {
            throw new ArgumentException("PCM16 audio has an even number of bytes.", nameof(pcm16));
        }

        ThrowIfNotStarted();
        if (LiveState is null || pcm16.IsEmpty)
        {
            return;
        }

        var payload = new AudioPayload { Data = Convert.ToBase64String(pcm16.Span), MimeType = AudioFormats.InputMimeType };
        var frame = new OutgoingFrame(VoiceMessageCodec.Serialize(new AudioMessage(payload)), OutgoingKind.Audio, cancellationToken);
        await _audio.Writer.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        _queued.Release();
    }

    /// <summary>Queues microphone audio given as samples (PCM16 mono at 16 kHz).</summary>
    public ValueTask SendAudioAsync(short[] samples, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(samples);
        return SendAudioAsync(MemoryMarshal.AsBytes(samples.AsSpan()).ToArray(), cancellationToken);
    }

    /// <summary>Sends a user turn as text, answered as if spoken; while reconnecting, it waits and is sent once reconnected.</summary>
    public Task SendTextAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        ThrowIfNotStarted();
        return EnqueueControlAsync(new TextMessage(new TextPayload { Text = text }), OutgoingKind.Text, cancellationToken);
    }

    /// <summary>Cuts off the agent's reply; the server answers <c>interrupted</c>. Does nothing while reconnecting.</summary>
    public Task InterruptAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfNotStarted();
        return EnqueueControlAsync(InterruptMessage.Instance, OutgoingKind.Interrupt, cancellationToken);
    }

    private async Task EnqueueControlAsync(VoiceMessage message, OutgoingKind kind, CancellationToken cancellationToken)
    {
        var frame = new OutgoingFrame(VoiceMessageCodec.Serialize(message), kind, cancellationToken);
        await _control.Writer.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        _queued.Release();
        await frame.Done.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private void ThrowIfNotStarted()
    {
        ThrowIfEnded();
        if (Started is null)
        {
            throw new InvalidOperationException("Call StartAsync first.");
        }
    }

    private void SetLive(ConnectionState? state)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            if (state is not null && state.Closed)
            {
                return;
            }

            _live = state;
            changed = _liveChanged;
            _liveChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    private async Task<ConnectionState> WaitForLiveAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_live is { } live)
                {
                    return live;
                }

                changed = _liveChanged.Task;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SendLoopAsync()
    {
        try
        {
            while (true)
            {
                await _queued.WaitAsync(_lifetime.Token).ConfigureAwait(false);
                if (!_control.Reader.TryRead(out var frame) && !_audio.Reader.TryRead(out frame))
                {
                    continue;
                }

                await SendOneAsync(frame).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
            // The session is over.
        }
        finally
        {
            var ended = new VoiceSessionException(VoiceSessionException.ConnectionClosed, "The voice session has ended.");
            while (_control.Reader.TryRead(out var frame) || _audio.Reader.TryRead(out frame))
            {
                frame.Fail(ended);
            }
        }
    }

    private async Task SendOneAsync(OutgoingFrame frame)
    {
        if (frame.CancellationToken.IsCancellationRequested)
        {
            frame.Fail(new OperationCanceledException(frame.CancellationToken));
            return;
        }

        var live = LiveState;
        if (live is null && frame.Kind is OutgoingKind.Audio or OutgoingKind.Interrupt)
        {
            frame.Complete();
            return;
        }

        try
        {
            using var both = CancellationTokenSource.CreateLinkedTokenSource(frame.CancellationToken, _lifetime.Token);
            live ??= await WaitForLiveAsync(both.Token).ConfigureAwait(false);
            await live.Connection.SendAsync(frame.Bytes, both.Token).ConfigureAwait(false);
            frame.Complete();
        }
        catch (OperationCanceledException ex)
        {
            if (!_lifetime.IsCancellationRequested)
            {
                frame.Fail(ex);
                return;
            }

            frame.Fail(new VoiceSessionException(VoiceSessionException.ConnectionClosed, "The voice session has ended."));
            throw;
        }
        catch (Exception ex) when (ex is System.Net.WebSockets.WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The connection dropped under the write; the receive loop sees it too and reconnects.
            frame.Fail(new VoiceSessionException(VoiceSessionException.ConnectionClosed, $"The frame was not sent: {ex.Message}", null, ex));
        }
    }
}
