using System.Threading.Channels;
using Parley.Protocol.Messages;
using Parley.Protocol.Serialization;
using Parley.Sessions.Telemetry;
using Parley.Sessions.Transport;

namespace Parley.Sessions.Outbound;

/// <summary>The one sender of a session: frames go out in the order they were posted, from one loop, within a bound.</summary>
/// <remarks>
/// <para>
/// Audio is paced before it is posted (see <c>AudioPacer</c>), so the queue stays a frame or two deep and control
/// frames such as <c>interrupted</c> never wait behind seconds of audio.
/// </para>
/// <para>
/// A client that stops reading makes the queue grow; past <see cref="VoiceSessionOptions.MaxOutboundBytes"/> the
/// connection is dropped (there is no way to tell such a client anything), so a session never holds more than that
/// for its peer. After the last frame (<c>ended</c>) nothing more is sent.
/// </para>
/// </remarks>
internal sealed class Outbox
{
    private readonly Channel<byte[]> _queue = Channel.CreateUnbounded<byte[]>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });

    private readonly IVoiceConnection _connection;
    private readonly long _maxBytes;
    private readonly Lock _gate = new();
    private readonly Task _sendLoop;
    private long _queuedBytes;
    private bool _closed;

    public Outbox(IVoiceConnection connection, long maxBytes)
    {
        _connection = connection;
        _maxBytes = maxBytes;
        _sendLoop = Task.Run(SendLoopAsync);
    }

    /// <summary>Bytes posted and not yet sent.</summary>
    public long QueuedBytes => Interlocked.Read(ref _queuedBytes);

    /// <summary>Whether the peer stopped reading and was dropped.</summary>
    public bool Overflowed { get; private set; }

    /// <summary>Queues a frame; false once the outbox is closed (after the last frame, or an overflow).</summary>
    public bool Post(VoiceMessage message) => Enqueue(VoiceMessageCodec.Serialize(message), last: false);

    /// <summary>Queues the session's last frame; whatever is posted after it is dropped.</summary>
    public bool PostLast(VoiceMessage message) => Enqueue(VoiceMessageCodec.Serialize(message), last: true);

    /// <summary>Sends everything queued, then stops accepting frames.</summary>
    public async Task FlushAndCompleteAsync()
    {
        lock (_gate)
        {
            _closed = true;
            _queue.Writer.TryComplete();
        }

        await _sendLoop.ConfigureAwait(false);
    }

    private bool Enqueue(byte[] frame, bool last)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return false;
            }

            if (_queuedBytes + frame.Length > _maxBytes)
            {
                // The peer is not reading: nothing more can reach it, and nothing more is kept for it.
                Overflowed = true;
                ParleyMetrics.SlowPeersDropped.Add(1);
                _closed = true;
                _queue.Writer.TryComplete();
                _connection.Abort();
                return false;
            }

            _queuedBytes += frame.Length;
            ParleyMetrics.BufferedBytes.Add(frame.Length);
            _queue.Writer.TryWrite(frame);
            if (last)
            {
                _closed = true;
                _queue.Writer.TryComplete();
            }

            return true;
        }
    }

    private async Task SendLoopAsync()
    {
        await foreach (var frame in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                if (!Overflowed)
                {
                    await _connection.SendAsync(frame).ConfigureAwait(false);
                }
            }
            finally
            {
                Interlocked.Add(ref _queuedBytes, -frame.Length);
                ParleyMetrics.BufferedBytes.Add(-frame.Length);
            }
        }
    }
}
