using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Parley.Engines.Speech;
using Wire = Parley.Engines.SpeechToText.PocketSphinxHelperProtocol;

namespace Parley.Engines.SpeechToText;

/// <summary>One utterance decoded by its own forked decoder process, spoken to over a Unix socket.</summary>
/// <remarks>
/// Audio is sent without waiting (the socket's kernel buffer bounds how far it runs ahead); a hypothesis or the final
/// text is asked for and awaited, and the decoder answers only after the audio sent before, so an answer covers all
/// audio pushed, as in process. Every send and receive has a deadline. Disposing closes the socket, which ends the process.
/// </remarks>
internal sealed class PocketSphinxForkedStream : ISpeechRecognitionStream
{
    // Audio frames of up to 8,192 samples (0.5 s): a push is normally one 32 ms VAD frame.
    private const int ChunkSamples = 8192;

    private readonly Socket _socket;
    private readonly SemaphoreSlim _slots;
    private readonly TimeSpan _replyTimeout;
    private readonly byte[] _buffer = new byte[Wire.HeaderBytes + (ChunkSamples * sizeof(short))];

    // Calls are documented as single-caller, but a Dispose racing a Push must not close the socket under it.
    private readonly Lock _gate = new();
    private string? _finalText;
    private string? _failure;
    private bool _disposed;

    private PocketSphinxForkedStream(Socket socket, SemaphoreSlim slots, TimeSpan replyTimeout, int processId)
    {
        _socket = socket;
        _slots = slots;
        _replyTimeout = replyTimeout;
        ProcessId = processId;
    }

    /// <summary>The decoder process's id.</summary>
    public int ProcessId { get; }

    /// <summary>Connects to the zygote, where a spare decoder process takes the connection, and waits for it to say it is ready.</summary>
    /// <remarks>
    /// Synchronous: a spare is normally waiting, so this takes well under a millisecond, and the caller can push audio
    /// and ask for words at once. With every spare taken it waits for the next fork (a few milliseconds), at most
    /// <paramref name="replyTimeout"/>. The caller holds one of <paramref name="slots"/>; the stream releases it when
    /// disposed (not when this fails).
    /// </remarks>
    /// <exception cref="SocketException">The zygote is not listening (it has exited).</exception>
    /// <exception cref="EndOfStreamException">The connection closed before a decoder was ready (the zygote died meanwhile).</exception>
    /// <exception cref="InvalidOperationException">The helper answered in another protocol, or not in time.</exception>
    public static PocketSphinxForkedStream Open(PocketSphinxZygote zygote, SemaphoreSlim slots, TimeSpan replyTimeout)
    {
        var socket = zygote.Connect(replyTimeout);
        try
        {
            var header = new byte[Wire.HeaderBytes];
            ReceiveExactly(socket, header);
            var (type, length) = Wire.ReadHeader(header);

            // The greeting is the version and the decoder's process id; anything else (another helper's protocol, a
            // stray length) is refused before a byte of it is allocated or read.
            if (type != Wire.Ready || length != 8)
            {
                throw AnotherProtocol();
            }

            var payload = new byte[length];
            ReceiveExactly(socket, payload);
            if (BinaryPrimitives.ReadInt32LittleEndian(payload) != Wire.Version)
            {
                throw AnotherProtocol();
            }

            return new PocketSphinxForkedStream(socket, slots, replyTimeout, BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(4)));
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
        {
            socket.Dispose();
            throw new InvalidOperationException($"No PocketSphinx decoder process was ready within {replyTimeout.TotalSeconds:0.#} s.", ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static InvalidOperationException AnotherProtocol()
        => new("The PocketSphinx helper answered in another protocol: run scripts/setup.sh to rebuild it.");

    public void Push(ReadOnlySpan<short> samples)
    {
        lock (_gate)
        {
            ThrowIfUnusable();
            if (_finalText is not null)
            {
                throw new InvalidOperationException("The utterance is complete; open a new stream for more audio.");
            }

            try
            {
                while (!samples.IsEmpty)
                {
                    var chunk = MemoryMarshal.AsBytes(samples[..Math.Min(samples.Length, ChunkSamples)]);
                    Wire.WriteHeader(_buffer, Wire.Audio, chunk.Length);
                    chunk.CopyTo(_buffer.AsSpan(Wire.HeaderBytes));
                    SendAll(_buffer.AsSpan(0, Wire.HeaderBytes + chunk.Length));
                    samples = samples[(chunk.Length / sizeof(short))..];
                }
            }
            catch (Exception ex) when (IsConversationFailure(ex))
            {
                throw Fail(ex);
            }
        }
    }

    public string GetPartialText()
    {
        lock (_gate)
        {
            ThrowIfUnusable();
            try
            {
                return _finalText ?? Ask(Wire.Partial, Wire.Hypothesis);
            }
            catch (Exception ex) when (IsConversationFailure(ex))
            {
                throw Fail(ex);
            }
        }
    }

    public string Complete()
    {
        lock (_gate)
        {
            ThrowIfUnusable();
            try
            {
                return _finalText ??= Ask(Wire.Complete, Wire.Final);
            }
            catch (Exception ex) when (IsConversationFailure(ex))
            {
                throw Fail(ex);
            }
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

            // The decoder process reads end of file and exits; nothing in it needs finishing.
            _socket.Dispose();
            _slots.Release();
        }
    }

    private string Ask(byte request, byte answer)
    {
        Wire.WriteHeader(_buffer, request, 0);
        SendAll(_buffer.AsSpan(0, Wire.HeaderBytes));
        ReceiveAll(_buffer.AsSpan(0, Wire.HeaderBytes));
        var (type, length) = Wire.ReadHeader(_buffer);
        var text = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            ReceiveAll(text.AsSpan(0, length));
            var decoded = Encoding.UTF8.GetString(text, 0, length);
            if (type == Wire.Error)
            {
                throw new DecoderFailure($"failed: {decoded}");
            }

            return type == answer ? decoded : throw new DecoderFailure($"answered '{(char)type}' to '{(char)request}'");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(text);
        }
    }

    private void SendAll(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            data = data[_socket.Send(data)..];
        }
    }

    private void ReceiveAll(Span<byte> data)
    {
        while (!data.IsEmpty)
        {
            var received = _socket.Receive(data);
            if (received == 0)
            {
                throw new DecoderFailure("ended unexpectedly (killed or crashed)");
            }

            data = data[received..];
        }
    }

    private static bool IsConversationFailure(Exception ex) => ex is SocketException or DecoderFailure or InvalidDataException;

    // Any failure leaves the conversation with the process in an unknown state: the stream is unusable from then on.
    // Only this stream's process is lost, so the utterance may be tried again on a fresh one (Retryable).
    private SpeechEngineException Fail(Exception ex)
    {
        _failure = ex switch
        {
            DecoderFailure failure => failure.Message,
            SocketException { SocketErrorCode: SocketError.TimedOut or SocketError.WouldBlock } =>
                $"did not answer within {_replyTimeout.TotalSeconds:0.#} s",
            SocketException socket => $"ended unexpectedly ({socket.SocketErrorCode}: killed or crashed)",
            _ => ex.Message,
        };
        return new SpeechEngineException(FailureMessage(), ex) { Engine = "pocketsphinx", Retryable = true };
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_failure is not null)
        {
            throw new SpeechEngineException(FailureMessage()) { Engine = "pocketsphinx", Retryable = true };
        }
    }

    private string FailureMessage() => $"The PocketSphinx decoder process {ProcessId} {_failure}; the utterance is lost.";

    private static void ReceiveExactly(Socket socket, Span<byte> data)
    {
        while (!data.IsEmpty)
        {
            var received = socket.Receive(data);
            if (received == 0)
            {
                throw new EndOfStreamException("The PocketSphinx helper closed the connection before a decoder was ready.");
            }

            data = data[received..];
        }
    }

    private sealed class DecoderFailure(string message) : Exception(message);
}
