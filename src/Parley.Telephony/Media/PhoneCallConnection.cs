using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Parley.Engines.Audio;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Protocol.Serialization;
using Parley.Sessions.Transport;

namespace Parley.Telephony.Media;

/// <summary>
/// The bridge between a carrier's media stream and a voice session: the session sees its own frames, as from any
/// client of <c>/ws/voice</c>; the carrier sees its own events. One per call; shared by every carrier through <see cref="ICarrierMediaFormat"/>.
/// </summary>
/// <remarks>
/// <para>
/// To the session: a <c>start</c> first (the call's parameters), then the caller's audio as <c>audio</c> frames (µ-law
/// 8 kHz decoded and resampled to 16 kHz), the keys pressed as <c>text</c>, and the end of the stream as the peer
/// leaving (a <c>stop</c>, or the socket closing), which ends the session as any client leaving does.
/// </para>
/// <para>
/// From the session: <c>audio</c> goes down the line through the <see cref="LinePlayer"/>, <c>interrupted</c> becomes a
/// <c>clear</c>; <c>started</c> tells the call which conversation it is; the rest is for screens the phone does not have.
/// As an <see cref="IPlaybackLine"/> it reports what the carrier's marks confirmed, and pauses and resumes the line.
/// </para>
/// </remarks>
public sealed partial class PhoneCallConnection : IVoiceConnection, IPlaybackLine
{
    private readonly WebSocketVoiceConnection _socket;
    private readonly ICarrierMediaFormat _format;
    private readonly StartPayload _start;
    private readonly ILogger _logger;
    private readonly CallerAudio _caller = new();
    private readonly KeypadEntry _keypad;
    private readonly LinePlayer _line;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly TaskCompletionSource<StartedPayload?> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _startGiven;
    private long? _lastChunk;
    private int _invalidFrames;

    /// <summary>A bridge for the call whose stream began with <paramref name="stream"/>, the session to start with <paramref name="start"/>.</summary>
    public PhoneCallConnection(
        WebSocket socket, ICarrierMediaFormat format, CarrierEvent.Started stream, StartPayload start, TelephonyOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        _socket = new WebSocketVoiceConnection(socket, MaxCarrierFrameBytes);
        _format = format;
        _start = start;
        _logger = logger;
        Stream = stream;
        _keypad = new KeypadEntry(time, options.DtmfEntryGap);
        _line = new LinePlayer(format, stream.StreamId, SendToCarrierAsync, time, options);
        _line.Start();
    }

    /// <summary>Largest carrier frame read: a 20 ms media event is ~300 bytes; Telnyx's may hold up to a second or so of audio.</summary>
    public const int MaxCarrierFrameBytes = 64 * 1024;

    /// <summary>The carrier's <c>start</c>.</summary>
    public CarrierEvent.Started Stream { get; }

    /// <summary>The session's <c>started</c> (its conversation and message), or null if it ended before starting.</summary>
    public Task<StartedPayload?> Started => _started.Task;

    /// <summary>The session's <c>ended</c> payload, once sent.</summary>
    public EndedPayload? Ended { get; private set; }

    /// <summary>Frames, marks and clears sent to the carrier so far.</summary>
    public (long Frames, long Marks, long Clears) LineCounts => _line.Counts;

    public long Played => _line.Played;

    public async ValueTask<ReadOnlyMemory<byte>?> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        if (!_startGiven)
        {
            _startGiven = true;
            return VoiceMessageCodec.Serialize(new StartMessage(_start));
        }

        while (true)
        {
            if (_keypad.TakeIfDone() is { } entry)
            {
                return Text(entry);
            }

            ReadOnlyMemory<byte>? frame;
            try
            {
                frame = await _socket.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (FrameTooLargeException ex)
            {
                LogBadFrame(_logger, _format.Name, Stream.CallId, ex.Message);
                continue;
            }

            if (frame is null)
            {
                _started.TrySetResult(null);
                return null;
            }

            switch (_format.Read(frame.Value.Span))
            {
                case CarrierEvent.Media media when media.Chunk is { } chunk && _lastChunk is { } last && chunk <= last:
                    continue; // Late or repeated (Telnyx does not promise order): a 20 ms gap is better than audio out of order.
                case CarrierEvent.Media media:
                    _lastChunk = media.Chunk ?? _lastChunk;
                    if (_caller.Frame(media.Payload) is { } audio)
                    {
                        return audio;
                    }

                    LogBadFrame(_logger, _format.Name, Stream.CallId, $"a media payload of {media.Payload.Length} bytes");
                    continue;
                case CarrierEvent.Dtmf dtmf:
                    if (_keypad.Press(dtmf.Digit) is { } keys)
                    {
                        return Text(keys);
                    }

                    continue;
                case CarrierEvent.Mark mark:
                    _line.MarkReturned(mark.Name);
                    continue;
                case CarrierEvent.Stopped:
                    return null;
                case CarrierEvent.Invalid invalid when ++_invalidFrames <= 5:
                    LogBadFrame(_logger, _format.Name, Stream.CallId, invalid.Reason);
                    continue;
                case CarrierEvent.Other { Event: "error", Detail: var detail }:
                    LogCarrierError(_logger, _format.Name, Stream.CallId, detail ?? "no detail");
                    continue;
                default:
                    continue;
            }
        }
    }

    public ValueTask SendAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken = default)
    {
        // The session's own frames: always well formed, so a failure here is a bug, not the caller's.
        switch (VoiceMessageCodec.Deserialize(utf8Json))
        {
            case AudioMessage audio when audio.Payload.Data is { } data:
                _line.Enqueue(Pcm16.FromBytes(Convert.FromBase64String(data)));
                break;
            case InterruptedMessage:
                _line.Interrupt();
                break;
            case StartedMessage started:
                _started.TrySetResult(started.Payload);
                break;
            case EndedMessage ended:
                Ended = ended.Payload;
                _started.TrySetResult(null);
                break;
            case ErrorMessage error:
                LogSessionError(_logger, Stream.CallId, error.Payload.Code, error.Payload.Message);
                break;
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask CloseAsync(int closeCode, string reason, CancellationToken cancellationToken = default)
    {
        // The session is over: nothing more goes down the line, and the carrier hangs up as the stream closes.
        await _line.StopAsync().ConfigureAwait(false);
        _started.TrySetResult(null);
        await _socket.CloseAsync(closeCode == CloseCodes.Normal ? CloseCodes.Normal : closeCode, reason, cancellationToken).ConfigureAwait(false);
    }

    public void Abort() => _socket.Abort();

    public void ConfirmWhenPlayed(long position) => _line.ExpectMark(position);

    public Task WhenPlayedAsync(long position, CancellationToken cancellationToken = default) => _line.WhenPlayedAsync(position, cancellationToken);

    public void Pause() => _line.Pause();

    public void Resume() => _line.Resume();

    /// <summary>Stops the line if the session never closed it (it failed before its end).</summary>
    public Task StopLineAsync() => _line.StopAsync();

    private static byte[] Text(string text) => VoiceMessageCodec.Serialize(new TextMessage(new TextPayload { Text = text }));

    private async ValueTask SendToCarrierAsync(byte[] message)
    {
        await _sending.WaitAsync().ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(message).ConfigureAwait(false);
        }
        finally
        {
            _sending.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {Carrier} frame of call {CallId} was dropped: {Reason}.")]
    private static partial void LogBadFrame(ILogger logger, string carrier, string callId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Carrier} reported an error on the stream of call {CallId}: {Detail}.")]
    private static partial void LogCarrierError(ILogger logger, string carrier, string callId, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "The session of call {CallId} sent {Code}: {Message}")]
    private static partial void LogSessionError(ILogger logger, string callId, string code, string message);
}
