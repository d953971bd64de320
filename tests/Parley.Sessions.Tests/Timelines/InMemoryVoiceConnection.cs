using System.Diagnostics;
using System.Threading.Channels;
using Parley.Protocol.Messages;
using Parley.Protocol.Serialization;
using Parley.Sessions.Transport;

namespace Parley.Sessions.Tests.Timelines;

/// <summary>A socket in memory: the timeline writes client frames in (null: the peer vanished), the session's frames are kept, decoded.</summary>
/// <remarks>
/// Closing completes the inbound side once what was already sent has been read, as a client answering the close
/// handshake does, so a session does not wait out its handshake timeout.
/// </remarks>
internal class InMemoryVoiceConnection : IVoiceConnection
{
    private readonly Channel<byte[]?> _inbound = Channel.CreateUnbounded<byte[]?>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private readonly List<SentFrame> _sent = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TaskCompletionSource _aborted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _peerGone;
    private int _sending;
    private int _reads;

    /// <summary>A frame the session sent, decoded, with when (ms since the connection was made, and on the session's clock when it has one).</summary>
    public sealed record SentFrame(double AtMs, VoiceMessage Message, bool AfterClose, double? AtClockMs = null);

    /// <summary>The session's (fake) clock in ms, when a test wants frames timed on it.</summary>
    public Func<double>? ClockMs { get; set; }

    public int? CloseCode { get; private set; }

    public string? CloseReason { get; private set; }

    public int CloseCalls { get; private set; }

    public bool Aborted { get; private set; }

    /// <summary>When set, a send waits until the connection is aborted: a client that stops reading.</summary>
    public bool SendsBlock { get; init; }

    /// <summary>Set when two sends overlapped: the outbox must be the only sender.</summary>
    public bool ConcurrentSend { get; private set; }

    public double NowMs => _clock.Elapsed.TotalMilliseconds;

    public IReadOnlyList<SentFrame> Sent
    {
        get
        {
            lock (_gate)
            {
                return [.. _sent];
            }
        }
    }

    /// <summary>Sends a client frame; false once the connection is closed.</summary>
    public bool Write(byte[] frame) => _inbound.Writer.TryWrite(frame);

    /// <summary>The client vanishes: the session reads the end of the stream.</summary>
    public void Vanish()
    {
        _inbound.Writer.TryWrite(null);
        _inbound.Writer.TryComplete();
    }

    /// <summary>How many times the session has asked for a frame: once past a frame's count, the session has acted on it.</summary>
    public int Reads => Volatile.Read(ref _reads);

    public async ValueTask<ReadOnlyMemory<byte>?> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _reads);
        if (_peerGone)
        {
            return null;
        }

        try
        {
            var frame = await _inbound.Reader.ReadAsync(cancellationToken);
            if (frame is null)
            {
                _peerGone = true;
                return null;
            }

            return frame;
        }
        catch (ChannelClosedException)
        {
            _peerGone = true;
            return null;
        }
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Increment(ref _sending) != 1)
        {
            ConcurrentSend = true;
        }

        try
        {
            if (SendsBlock)
            {
                await _aborted.Task;
                return;
            }

            // Decoded as a client would read it: a frame the codec cannot read is a failure of the test.
            var message = VoiceMessageCodec.Deserialize(utf8Json);
            lock (_gate)
            {
                _sent.Add(new SentFrame(NowMs, message, CloseCalls > 0, ClockMs?.Invoke()));
            }

            await Task.Yield();
        }
        finally
        {
            Interlocked.Decrement(ref _sending);
        }
    }

    public ValueTask CloseAsync(int closeCode, string reason, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            CloseCalls++;
            CloseCode ??= closeCode;
            CloseReason ??= reason;
        }

        _inbound.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }

    public void Abort()
    {
        Aborted = true;
        _aborted.TrySetResult();
        _inbound.Writer.TryComplete();
    }
}
