using System.Net.WebSockets;
using Parley.Protocol;
using Parley.Protocol.Messages;
using Parley.Protocol.Payloads;
using Parley.Protocol.Serialization;

namespace Parley.Bench;

/// <summary>
/// One person on a call: speaks each clip at real-time pace in microphone-sized chunks, keeps the microphone open
/// (silence) while waiting, and speaks again once the agent's audio has stopped for a moment.
/// </summary>
/// <remarks>
/// A microphone hands over a chunk only when it is full, so chunk k (samples k·n … (k+1)·n) goes out at
/// capture start + (k+1)·n / 16 kHz; the true end of speech is at capture start + the clip's last loud sample.
/// The latency therefore includes the wait for the chunk holding the end of speech to fill, as a real client's does.
/// </remarks>
internal sealed partial class SimulatedCaller(int id, BenchOptions options, BenchClips clips, TimeSpan startDelay)
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private readonly AnswerTracker _tracker = new();
    private readonly double _chunkMs = options.ChunkSamples * 1000.0 / SpeechClip.SampleRate;
    private readonly short[] _silence = new short[options.ChunkSamples];
    private double _captureStartMs;
    private long _chunksSent;
    private double _maxSendLagMs;

    public async Task<CallerResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var turns = new List<TurnResult>();
        var errors = new List<string>();
        await Task.Delay(startDelay, cancellationToken);
        using var socket = new ClientWebSocket();
        Task? receiving = null;
        try
        {
            await socket.ConnectAsync(VoiceUri(), cancellationToken);
            receiving = ReceiveAsync(socket, cancellationToken);
            var start = new StartMessage(new StartPayload { VoiceConfig = new VoiceConfig { SilentStart = true } });
            await SendAsync(socket, start, cancellationToken);
            await _tracker.Ready.Task.WaitAsync(ReadyTimeout, cancellationToken);

            _captureStartMs = BenchClock.NowMs;
            var asked = 0;
            var thinking = new Random(id);
            for (var turn = 0; turn < options.Turns && !_tracker.Closed; turn++)
            {
                if (options.ThinkMs > 0)
                {
                    // Thinking with the microphone open: silence streams on, so the capture clock stays in step with the wall clock.
                    for (var quiet = thinking.Next(options.ThinkMs); quiet > 0 && !_tracker.Closed; quiet -= (int)_chunkMs)
                    {
                        await SendChunkAsync(socket, _silence, cancellationToken);
                    }
                }

                var result = options.IsBargeInTurn(turn)
                    ? await BargeInTurnAsync(socket, turn, cancellationToken)
                    : await TalkAsync(socket, turn, clips.Questions[asked++ % clips.Questions.Count], cancellationToken);
                turns.Add(result);
                if (result.Error is not null)
                {
                    // A late answer to this turn would be taken for the next one's: stop rather than mismeasure.
                    break;
                }
            }

            if (!_tracker.Closed)
            {
                await SendAsync(socket, StopMessage.Instance, cancellationToken);
                await _tracker.Ended.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or TimeoutException or InvalidOperationException)
        {
            errors.Add($"{ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            if (socket.State == WebSocketState.Open)
            {
                using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                try
                {
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", closing.Token);
                }
                catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
                {
                    // The server may close first; the measurements are already taken.
                }
            }

            if (receiving is not null)
            {
                await receiving;
            }
        }

        errors.AddRange(_tracker.Errors());
        return new CallerResult { Caller = id, Turns = turns, Errors = errors, MaxSendLagMs = _maxSendLagMs };
    }

    private async Task<TurnResult> TalkAsync(ClientWebSocket socket, int turn, SpeechClip clip, CancellationToken cancellationToken)
    {
        _tracker.Reset();
        var spoken = await StreamClipAsync(socket, clip, cancellationToken);
        var error = await ListenUntilQuietAsync(socket, spoken.EndMs, cancellationToken);
        return Result(turn, clip.Text, spoken.EndMs, error);
    }

    /// <summary>Streams a clip at real-time pace; returns where its speech fell on the capture clock.</summary>
    private async Task<SpokenClip> StreamClipAsync(ClientWebSocket socket, SpeechClip clip, CancellationToken cancellationToken)
    {
        var clipStartMs = _captureStartMs + _chunksSent * _chunkMs;
        var onsetChunk = (int)(clip.StartOfSpeech.TotalMilliseconds / _chunkMs);
        var voicedSentMs = 0.0;
        for (var (offset, index) = (0, 0); offset < clip.Samples.Length; offset += options.ChunkSamples, index++)
        {
            var chunk = new short[options.ChunkSamples]; // The last one is padded with silence, as a microphone would.
            var count = Math.Min(options.ChunkSamples, clip.Samples.Length - offset);
            Array.Copy(clip.Samples, offset, chunk, 0, count);
            await SendChunkAsync(socket, chunk, cancellationToken);
            if (index == onsetChunk)
            {
                voicedSentMs = BenchClock.NowMs;
            }
        }

        return new SpokenClip(clipStartMs + clip.StartOfSpeech.TotalMilliseconds, clipStartMs + clip.EndOfSpeech.TotalMilliseconds, voicedSentMs);
    }

    /// <summary>Keeps the microphone open (silence) until the answer's audio has stopped for a while; returns an error, if any.</summary>
    /// <remarks>After an <c>interrupted</c>, only audio of the new answer counts, since the cut one stops at once.</remarks>
    private async Task<string?> ListenUntilQuietAsync(ClientWebSocket socket, double endOfSpeechMs, CancellationToken cancellationToken)
    {
        while (true)
        {
            await SendChunkAsync(socket, _silence, cancellationToken);
            var (first, last, _, _, _) = _tracker.Snapshot();
            var now = BenchClock.NowMs;
            var (interruptedAt, afterInterrupt) = _tracker.Interruption();
            if (interruptedAt is not null && afterInterrupt is null)
            {
                first = null; // The cut answer; the new one has not begun.
            }

            if (first is not null && last > endOfSpeechMs && now - last >= options.QuietMs)
            {
                return null;
            }

            if ((first is null || last <= endOfSpeechMs) && now - endOfSpeechMs > options.AnswerTimeoutMs)
            {
                return $"no agent audio within {options.AnswerTimeoutMs} ms of the end of speech";
            }

            if (_tracker.Closed)
            {
                return "the session closed during the turn";
            }
        }
    }

    private TurnResult Result(int turn, string said, double endOfSpeechMs, string? error)
    {
        var (firstMs, lastMs, audioMs, heard, answer) = _tracker.Snapshot();
        var (heardAtMs, answerTextAtMs) = _tracker.TranscriptTimes();
        var (underrunMs, longestUnderrunMs) = _tracker.Underrun();
        return new TurnResult
        {
            Caller = id,
            Turn = turn + 1,
            Said = said,
            LatencyMs = firstMs - endOfSpeechMs,
            UserTranscriptMs = heardAtMs - endOfSpeechMs,
            AgentTranscriptMs = answerTextAtMs - endOfSpeechMs,
            AnswerAudioMs = audioMs,
            AnswerSpanMs = firstMs is null ? 0 : lastMs - firstMs.Value,
            UnderrunMs = underrunMs,
            LongestUnderrunMs = longestUnderrunMs,
            FellBehind = underrunMs > TurnResult.BehindUnderrunMs,
            Heard = heard,
            Answer = answer,
            Error = error,
        };
    }

    private async Task SendChunkAsync(ClientWebSocket socket, short[] chunk, CancellationToken cancellationToken)
    {
        var dueMs = _captureStartMs + (_chunksSent + 1) * _chunkMs;
        await BenchClock.WaitUntilAsync(dueMs, cancellationToken);
        _maxSendLagMs = Math.Max(_maxSendLagMs, BenchClock.NowMs - dueMs);
        var bytes = new byte[chunk.Length * 2];
        Buffer.BlockCopy(chunk, 0, bytes, 0, bytes.Length);
        var payload = new AudioPayload { Data = Convert.ToBase64String(bytes), MimeType = AudioFormats.InputMimeType };
        await SendAsync(socket, new AudioMessage(payload), cancellationToken);
        _chunksSent++;
    }

    private static Task SendAsync(ClientWebSocket socket, VoiceMessage message, CancellationToken cancellationToken)
        => socket.SendAsync(VoiceMessageCodec.Serialize(message), WebSocketMessageType.Text, true, cancellationToken);

    private async Task ReceiveAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var length = 0;
        try
        {
            while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                if (length == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                var result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                length += result.Count;
                if (!result.EndOfMessage)
                {
                    continue;
                }

                var at = BenchClock.NowMs;
                var frame = buffer.AsMemory(0, length);
                length = 0;
                Handle(at, VoiceMessageCodec.Deserialize(frame));
            }
        }
        catch (Exception ex) when (ex is WebSocketException or VoiceProtocolException or OperationCanceledException)
        {
            if (ex is not OperationCanceledException)
            {
                _tracker.OnError($"{ex.GetType().Name}: {ex.Message}");
            }
        }
        finally
        {
            _tracker.OnClosed();
        }
    }

    private void Handle(double atMs, VoiceMessage message)
    {
        switch (message)
        {
            case AudioMessage audio: _tracker.OnAudio(atMs, audio.Payload.Data, audio.Payload.MimeType); break;
            case ReadyMessage: _tracker.Ready.TrySetResult(); break;
            case InterruptedMessage: _tracker.OnInterrupted(atMs); break;
            case TranscriptMessage transcript: _tracker.OnTranscript(atMs, transcript.Payload.Role, transcript.Payload.Text); break;
            case ErrorMessage error: _tracker.OnError($"{error.Payload.Code}: {error.Payload.Message}"); break;
            case EndedMessage: _tracker.Ended.TrySetResult(); break;
            default: break;
        }
    }

    private Uri VoiceUri()
    {
        var builder = new UriBuilder(options.Url)
        {
            Scheme = options.Url.Scheme == Uri.UriSchemeHttps ? "wss" : "ws",
            Path = "/ws/voice",
            Query = $"token={Uri.EscapeDataString(options.ApiKey)}",
        };
        return builder.Uri;
    }
}
