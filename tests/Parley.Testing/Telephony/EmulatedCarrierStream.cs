using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Parley.Engines.Audio;

namespace Parley.Testing.Telephony;

/// <summary>
/// A carrier's side of a media stream, emulated on loopback: it streams the caller's µ-law audio at real time in 20 ms
/// frames (silence between what the test says), plays what the server sends at real time as a phone would, sends each
/// mark back once the audio before it has played, and honours <c>clear</c> (drops what it holds, sends pending marks
/// back at once). It writes down everything that happened on the line, and what the caller heard.
/// </summary>
public sealed class EmulatedCarrierStream : IAsyncDisposable
{
    private const int FrameBytes = 160;
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(20);

    private readonly ClientWebSocket _socket = new();
    private readonly string _carrier;
    private readonly string _streamId = "MZ" + Guid.NewGuid().ToString("N");
    private readonly Stopwatch _clock = new();
    private readonly Lock _gate = new();
    private readonly List<LineEvent> _events = [];
    private readonly Queue<byte> _callerAudio = new();
    private readonly List<(double PlayEndMs, byte[]? Frame, string? Mark)> _buffer = [];
    private readonly List<byte> _heard = [];
    private readonly List<LineAudio> _audio = [];
    private readonly List<LineClear> _clears = [];
    private readonly List<string> _pendingMarksToSend = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private double _playEndMs;
    private double? _speechOnsetMs;
    private double? _speechEndMs;
    private int? _onsetOffsetBytes;
    private int? _endOffsetBytes;
    private int _sequence;
    private int _chunk;
    private Task _loops = Task.CompletedTask;

    private EmulatedCarrierStream(string carrier) => _carrier = carrier;

    /// <summary>Everything that happened on the line, in order.</summary>
    public IReadOnlyList<LineEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>What the caller heard (µ-law 8 kHz), clears honoured.</summary>
    public byte[] Heard
    {
        get
        {
            lock (_gate)
            {
                return [.. _heard];
            }
        }
    }

    /// <summary>
    /// What the server sent that a carrier would reject (a message without its stream's id, a media frame that is not
    /// 20 ms); recorded rather than thrown, since it arrives on the emulator's own loop. A test checks it is empty.
    /// </summary>
    public IReadOnlyList<LineEvent> ProtocolErrors => [.. Events.Where(e => e.Kind == "protocol error")];

    /// <summary>When the last agent audio arrived (ms), or null before any.</summary>
    public double? LastAudioMs => Events.LastOrDefault(e => e.Kind == "media in")?.AtMs;

    /// <summary>Every frame of agent audio the line took, with when it arrived and when it played (cut short by clears).</summary>
    public IReadOnlyList<LineAudio> Audio
    {
        get
        {
            lock (_gate)
            {
                return [.. _audio];
            }
        }
    }

    /// <summary>Every <c>clear</c> the line honoured, with how much queued audio it dropped.</summary>
    public IReadOnlyList<LineClear> Clears
    {
        get
        {
            lock (_gate)
            {
                return [.. _clears];
            }
        }
    }

    /// <summary>The first frame of agent audio that arrived after <paramref name="ms"/>, or null if none has yet.</summary>
    public LineAudio? FirstAudioAfter(double ms)
    {
        lock (_gate)
        {
            var index = _audio.FindIndex(a => a.ArrivedMs > ms);
            return index < 0 ? null : _audio[index];
        }
    }

    /// <summary>The first <c>clear</c> after <paramref name="ms"/>, or null if none has come yet.</summary>
    public LineClear? FirstClearAfter(double ms)
    {
        lock (_gate)
        {
            var index = _clears.FindIndex(c => c.AtMs > ms);
            return index < 0 ? null : _clears[index];
        }
    }

    /// <summary>The earliest moment from <paramref name="ms"/> on at which the earpiece plays no agent audio (clears honoured).</summary>
    public double SilentFrom(double ms)
    {
        lock (_gate)
        {
            var silent = ms;
            foreach (var frame in _audio)
            {
                // Frames play back to back in arrival order, so one pass follows the run of audio that covers the moment.
                if (frame.PlayStartMs <= silent && frame.PlayEndMs > silent)
                {
                    silent = frame.PlayEndMs;
                }
            }

            return silent;
        }
    }

    /// <summary>Ms since the stream started.</summary>
    public double NowMs => _clock.Elapsed.TotalMilliseconds;

    /// <summary>Opens a stream as <paramref name="carrier"/> does, presenting <paramref name="token"/> as that carrier carries it, for the call <paramref name="callId"/> (Telnyx's call control id).</summary>
    public static async Task<EmulatedCarrierStream> ConnectAsync(Uri streamUrl, string carrier, string token, string callId = "v3:emulated-call")
    {
        var stream = new EmulatedCarrierStream(carrier);
        if (carrier == "telnyx")
        {
            stream._socket.Options.SetRequestHeader("x-telnyx-streaming-auth-token", token);
        }

        await stream._socket.ConnectAsync(streamUrl, CancellationToken.None);
        stream._clock.Start();
        await stream.SendJsonAsync(carrier == "twilio"
            ? new { @event = "connected", protocol = "Call", version = "1.0.0" }
            : (object)new { @event = "connected", version = "1.0.0" });
        await stream.SendJsonAsync(carrier == "twilio"
            ? new
            {
                @event = "start",
                sequenceNumber = "1",
                start = new
                {
                    accountSid = "AC" + new string('0', 32),
                    streamSid = stream._streamId,
                    callSid = "CA" + new string('1', 32),
                    tracks = new[] { "inbound" },
                    customParameters = new Dictionary<string, string> { ["parley_token"] = token },
                    mediaFormat = new { encoding = "audio/x-mulaw", sampleRate = 8000, channels = 1 },
                },
                streamSid = stream._streamId,
            }
            : new
            {
                @event = "start",
                sequence_number = "1",
                stream_id = stream._streamId,
                start = new
                {
                    user_id = Guid.NewGuid().ToString(),
                    call_control_id = callId,
                    call_session_id = Guid.NewGuid().ToString(),
                    from = "+15550001111",
                    to = "+15550002222",
                    custom_parameters = new Dictionary<string, string>(),
                    media_format = new { encoding = "PCMU", sample_rate = 8000, channels = 1 },
                },
            });
        stream._sequence = 1;
        stream._loops = Task.WhenAll(stream.SendCallerAudioAsync(), stream.ReceiveAsync(), stream.PlayAsync());
        return stream;
    }

    /// <summary>Has the caller say <paramref name="speech16k"/> (PCM16 16 kHz) next, at real time; returns when it has all been sent.</summary>
    public async Task SayAsync(short[] speech16k)
    {
        var line = new StreamingResampler(16000, 8000).Process(speech16k);
        var encoded = new byte[line.Length];
        MuLaw.Encode(line, encoded);
        var onset = Array.FindIndex(line, s => Math.Abs((int)s) > 500);
        var end = Array.FindLastIndex(line, s => Math.Abs((int)s) > 500);
        lock (_gate)
        {
            // Its onset is when the frame holding the first loud sample goes out, plus where in the frame it lies.
            _speechOnsetMs = null;
            _onsetOffsetBytes = onset < 0 ? null : _callerAudio.Count + onset;
            _endOffsetBytes = end < 0 ? null : _callerAudio.Count + end + 1;
            _speechEndMs = null;
            foreach (var b in encoded)
            {
                _callerAudio.Enqueue(b);
            }
        }

        while (true)
        {
            lock (_gate)
            {
                if (_callerAudio.Count == 0)
                {
                    return;
                }
            }

            await Task.Delay(20);
        }
    }

    /// <summary>When the end of the last speech said (its last loud sample) went out (ms), once it has.</summary>
    public double? SpeechEndMs
    {
        get
        {
            lock (_gate)
            {
                return _speechEndMs;
            }
        }
    }

    /// <summary>When the onset of the last speech said went out (ms), once it has.</summary>
    public double? SpeechOnsetMs
    {
        get
        {
            lock (_gate)
            {
                return _speechOnsetMs;
            }
        }
    }

    /// <summary>The caller presses a key.</summary>
    public Task PressAsync(char digit) => _carrier == "twilio"
        ? SendJsonAsync(new { @event = "dtmf", streamSid = _streamId, sequenceNumber = Next(), dtmf = new { track = "inbound_track", digit = digit.ToString() } })
        : SendJsonAsync(new { @event = "dtmf", stream_id = _streamId, sequence_number = Next(), dtmf = new { digit = digit.ToString() } });

    /// <summary>Waits (real time) until an event matching <paramref name="predicate"/> has happened.</summary>
    public async Task<LineEvent> WaitForAsync(Func<LineEvent, bool> predicate, string what, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < (timeout ?? TimeSpan.FromSeconds(30)))
        {
            if (Events.FirstOrDefault(predicate) is { } found)
            {
                return found;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"No {what} on the line. Events:\n{string.Join('\n', Events.TakeLast(40))}");
    }

    /// <summary>
    /// Waits until agent audio has arrived (after <paramref name="afterMs"/>, when given), then until it has stopped arriving
    /// for <paramref name="quiet"/> and all of it has played.
    /// </summary>
    public async Task WaitForAgentToFinishAsync(TimeSpan? quiet = null, TimeSpan? timeout = null, double? afterMs = null)
    {
        var gap = quiet ?? TimeSpan.FromMilliseconds(1200);
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        var deadline = Stopwatch.StartNew();
        while (FirstAudioAfter(afterMs ?? double.NegativeInfinity) is null)
        {
            if (deadline.Elapsed >= limit)
            {
                throw new TimeoutException($"No agent audio on the line. Events:\n{string.Join('\n', Events.TakeLast(40))}");
            }

            await Task.Delay(10);
        }

        while (deadline.Elapsed < limit)
        {
            double last, playEnd;
            lock (_gate)
            {
                last = _audio.Count == 0 ? 0 : _audio[^1].ArrivedMs;
                playEnd = _playEndMs;
            }

            if (NowMs - last > gap.TotalMilliseconds && NowMs >= playEnd)
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("The agent did not finish speaking.");
    }

    /// <summary>The caller hangs up: the carrier sends <c>stop</c> and waits for the server to close.</summary>
    public async Task HangUpAsync()
    {
        await SendJsonAsync(_carrier == "twilio"
            ? new { @event = "stop", sequenceNumber = Next(), stop = new { accountSid = "AC" + new string('0', 32), callSid = "CA" + new string('1', 32) }, streamSid = _streamId }
            : (object)new { @event = "stop", sequence_number = Next(), stream_id = _streamId, stop = new { user_id = "u", call_control_id = "v3:emulated-call" } });
        Record("stop out");
        await WaitClosedAsync();
    }

    /// <summary>Waits for the server to close the stream (it ends the call).</summary>
    public async Task WaitClosedAsync(TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        while (_socket.State is WebSocketState.Open or WebSocketState.CloseSent && deadline.Elapsed < (timeout ?? TimeSpan.FromSeconds(15)))
        {
            await Task.Delay(20);
        }

        if (_socket.State is not (WebSocketState.Closed or WebSocketState.CloseReceived or WebSocketState.Aborted))
        {
            throw new TimeoutException($"The server did not close the stream; it is still {_socket.State}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
            }
            catch (WebSocketException)
            {
            }
        }

        try
        {
            await _loops;
        }
        catch (OperationCanceledException)
        {
        }

        _socket.Dispose();
    }

    private string Next() => Interlocked.Increment(ref _sequence).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private void Record(string kind, string detail = "")
    {
        lock (_gate)
        {
            _events.Add(new LineEvent(NowMs, kind, detail));
        }
    }

    private async Task SendJsonAsync(object message)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(message);
        await _sending.WaitAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.SendAsync(bytes, WebSocketMessageType.Text, true, CancellationToken.None);
            }
        }
        catch (WebSocketException)
        {
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>The caller's line: a 20 ms frame every 20 ms, at real time, speech when the test has some, else silence.</summary>
    private async Task SendCallerAudioAsync()
    {
        var frame = new byte[FrameBytes];
        var next = TimeSpan.Zero;
        while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
        {
            var wait = next - _clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            next += Frame;
            lock (_gate)
            {
                for (var i = 0; i < FrameBytes; i++)
                {
                    frame[i] = _callerAudio.Count > 0 ? _callerAudio.Dequeue() : MuLaw.Silence;
                }

                if (_endOffsetBytes is { } endOffset)
                {
                    if (endOffset <= FrameBytes)
                    {
                        _speechEndMs = NowMs + (endOffset / 8.0);
                        _events.Add(new LineEvent(_speechEndMs.Value, "caller speech end"));
                        _endOffsetBytes = null;
                    }
                    else
                    {
                        _endOffsetBytes = endOffset - FrameBytes;
                    }
                }

                if (_onsetOffsetBytes is { } offset)
                {
                    if (offset < FrameBytes)
                    {
                        _speechOnsetMs = NowMs + (offset / 8.0);
                        _events.Add(new LineEvent(_speechOnsetMs.Value, "caller speech onset"));
                        _onsetOffsetBytes = null;
                    }
                    else
                    {
                        _onsetOffsetBytes = offset - FrameBytes;
                    }
                }
            }

            var chunk = (++_chunk).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var timestamp = ((_chunk - 1) * 20).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var payload = Convert.ToBase64String(frame);
            await SendJsonAsync(_carrier == "twilio"
                ? new { @event = "media", sequenceNumber = Next(), media = new { track = "inbound", chunk, timestamp, payload }, streamSid = _streamId }
                : (object)new { @event = "media", sequence_number = Next(), media = new { track = "inbound", chunk, timestamp, payload }, stream_id = _streamId });
        }
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            try
            {
                do
                {
                    result = await _socket.ReceiveAsync(buffer, _stop.Token);
                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
            {
                return;
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                Record("closed by server", $"{(int?)result.CloseStatus} {result.CloseStatusDescription}");
                try
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                }
                catch (WebSocketException)
                {
                }

                return;
            }

            Handle(JsonDocument.Parse(message.ToArray()).RootElement);
        }
    }

    private void Handle(JsonElement message)
    {
        var kind = message.GetProperty("event").GetString();
        if (_carrier == "twilio" && (!message.TryGetProperty("streamSid", out var sid) || sid.GetString() != _streamId))
        {
            Record("protocol error", "a message not addressed to the stream (Twilio needs every message to carry its streamSid)");
        }

        lock (_gate)
        {
            var now = NowMs;
            switch (kind)
            {
                case "media":
                    var payload = Convert.FromBase64String(message.GetProperty("media").GetProperty("payload").GetString()!);
                    if (payload.Length != FrameBytes)
                    {
                        _events.Add(new LineEvent(now, "protocol error", $"a media frame of {payload.Length} bytes, not 20 ms"));
                    }

                    var start = Math.Max(now, _playEndMs);
                    _playEndMs = start + 20;
                    _buffer.Add((_playEndMs, payload, null));
                    _audio.Add(new LineAudio(now, start - now, start, _playEndMs));
                    _events.Add(new LineEvent(now, "media in", $"plays {start:F0}-{_playEndMs:F0}"));
                    break;
                case "mark":
                    var name = message.GetProperty("mark").GetProperty("name").GetString()!;
                    _buffer.Add((Math.Max(now, _playEndMs), null, name));
                    _events.Add(new LineEvent(now, "mark in", name));
                    break;
                case "clear":
                    var dropped = _buffer.Count(b => b.Frame is not null);
                    _events.Add(new LineEvent(now, "clear in", $"{dropped} frames dropped ({dropped * 20} ms)"));
                    _clears.Add(new LineClear(now, Math.Max(0, _playEndMs - now)));
                    for (var i = _audio.Count - 1; i >= 0 && _audio[i].PlayEndMs > now; i--)
                    {
                        // What had not played is never heard: the frame playing stops now, the ones after it never start.
                        _audio[i] = _audio[i] with { PlayStartMs = Math.Min(_audio[i].PlayStartMs, now), PlayEndMs = now };
                    }

                    foreach (var pending in _buffer.Where(b => b.Mark is not null))
                    {
                        _pendingMarksToSend.Add(pending.Mark!);
                        _events.Add(new LineEvent(now, "mark out (cleared)", pending.Mark!));
                    }

                    _buffer.Clear();
                    _playEndMs = now;
                    break;
                default:
                    _events.Add(new LineEvent(now, "unknown in", kind ?? "(none)"));
                    break;
            }
        }
    }

    /// <summary>The phone's earpiece: plays buffered frames as their time comes, and sends marks back once what came before them has played.</summary>
    private async Task PlayAsync()
    {
        var toSend = new List<string>();
        while (!_stop.IsCancellationRequested)
        {
            toSend.Clear();
            lock (_gate)
            {
                var now = NowMs;
                while (_buffer.Count > 0 && _buffer[0].PlayEndMs <= now)
                {
                    var item = _buffer[0];
                    _buffer.RemoveAt(0);
                    if (item.Frame is not null)
                    {
                        _heard.AddRange(item.Frame);
                    }
                    else
                    {
                        toSend.Add(item.Mark!);
                        _events.Add(new LineEvent(now, "mark out (played)", item.Mark!));
                    }
                }

                toSend.AddRange(_pendingMarksToSend);
                _pendingMarksToSend.Clear();
            }

            foreach (var name in toSend)
            {
                await SendJsonAsync(_carrier == "twilio"
                    ? new { @event = "mark", sequenceNumber = Next(), streamSid = _streamId, mark = new { name } }
                    : (object)new { @event = "mark", sequence_number = Next(), stream_id = _streamId, mark = new { name } });
            }

            try
            {
                await Task.Delay(5, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The line's events as text, for a test's output.</summary>
    public string Timeline(Func<LineEvent, bool>? include = null)
    {
        var text = new StringBuilder();
        string? lastKind = null;
        var repeated = 0;
        foreach (var e in Events.Where(include ?? (_ => true)))
        {
            // Runs of media frames are shown as one line each.
            if (e.Kind == "media in" && lastKind == "media in")
            {
                repeated++;
                continue;
            }

            if (repeated > 0)
            {
                text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"          … {repeated} more media frames");
                repeated = 0;
            }

            text.AppendLine(e.ToString());
            lastKind = e.Kind;
        }

        if (repeated > 0)
        {
            text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"          … {repeated} more media frames");
        }

        return text.ToString();
    }
}
