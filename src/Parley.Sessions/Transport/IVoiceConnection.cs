namespace Parley.Sessions.Transport;

/// <summary>The socket a voice session talks over: whole frames in, whole frames out.</summary>
public interface IVoiceConnection
{
    /// <summary>Receives the next whole frame; null when the peer closed or vanished. The memory is valid until the next call.</summary>
    /// <exception cref="FrameTooLargeException">The frame exceeds the size limit; it was read and dropped.</exception>
    ValueTask<ReadOnlyMemory<byte>?> ReceiveAsync(CancellationToken cancellationToken = default);

    /// <summary>Sends one text frame. Not safe to call concurrently: the session's outbox is the only sender.</summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken = default);

    /// <summary>Closes with a code; never throws for a peer that is already gone.</summary>
    ValueTask CloseAsync(int closeCode, string reason, CancellationToken cancellationToken = default);

    /// <summary>Drops the connection at once, for a peer that does not answer the close handshake.</summary>
    void Abort();
}
