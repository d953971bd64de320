using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Parley.Engines.Audio;
using Parley.Engines.Speech;

namespace Parley.Engines.TextToSpeech.ElevenLabs;

/// <summary>Speech from ElevenLabs' WebSocket stream-input API, with each word's timing from its character alignment.</summary>
/// <remarks>
/// One connection per request: a request is one sentence, sent whole, and the API ends a connection's generation when
/// its input closes. Reusing a connection across a reply would need the reply's sentences in one request, which the
/// engine contract does not carry; the cost is a WebSocket handshake per sentence.
/// </remarks>
public sealed class ElevenLabsSynthesizer : ISpeechSynthesizer
{
    // An audio message holds at most a few seconds of base64 PCM; anything far larger is not this API.
    private const int MaxMessageBytes = 4 * 1024 * 1024;

    private readonly ElevenLabsSynthesizerOptions _options;
    private readonly ElevenLabsVoices _voices;
    private readonly TimeProvider _timeProvider;

    /// <summary>Checks the options; nothing is sent until the first sentence.</summary>
    /// <exception cref="ArgumentException">The options are not usable (the message names the setting).</exception>
    public ElevenLabsSynthesizer(ElevenLabsSynthesizerOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate().FirstOrDefault() is { } problem)
        {
            throw new ArgumentException($"Invalid ElevenLabs synthesiser options: {problem}", nameof(options));
        }

        _options = options;
        _voices = new ElevenLabsVoices(options.Voices);
        _timeProvider = timeProvider ?? TimeProvider.System;
        Capabilities = new SynthesizerCapabilities(StreamingOutput: true, WordTimings: true, SampleRate: options.SampleRate, Remote: true);
    }

    /// <inheritdoc />
    public string Name => _options.Name;

    /// <inheritdoc />
    public SynthesizerCapabilities Capabilities { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> Voices => _voices.Names;

    /// <inheritdoc />
    public string DefaultVoice => _options.DefaultVoice is { } voice ? _voices.Names.First(n => string.Equals(n, voice, StringComparison.OrdinalIgnoreCase)) : _voices.Names[0];

    /// <inheritdoc />
    /// <remarks>
    /// Each chunk carries the words completed with it, timed from the start of the request's audio. The first audio
    /// must come within <see cref="ElevenLabsSynthesizerOptions.RequestTimeout"/> of connecting, each next message within
    /// <see cref="ElevenLabsSynthesizerOptions.StallTimeout"/>. Whitespace gives one empty chunk without a connection.
    /// </remarks>
    public async IAsyncEnumerable<SpeechChunk> SynthesizeAsync(SynthesisRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var voiceId = _voices.IdOf(request.Voice)
            ?? throw new ArgumentException($"Unknown voice '{request.Voice}' for {Name}; known voices: {string.Join(", ", _voices.Names)}.", nameof(request));
        var rate = _options.SampleRate;
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            yield return new SpeechChunk([], rate, []);
            yield break;
        }

        using var timeouts = new StreamTimeouts(_options.RequestTimeout, _options.StallTimeout, _timeProvider, cancellationToken);
        using var socket = await OpenAsync(voiceId, request, timeouts).ConfigureAwait(false);
        var words = new SpokenWordAssembler(request.Text);
        var buffer = new ArrayBufferWriter<byte>();
        long samplesBefore = 0;
        var final = false;
        while (!final)
        {
            timeouts.Waiting();
            var message = await ReceiveAsync(socket, buffer, timeouts).ConfigureAwait(false);
            timeouts.Received();
            if (message.Error is not null)
            {
                throw SpeechEngineFailures.Reported(Name, message.Error, message.ErrorCode, retryable: false);
            }

            final = message.IsFinal;
            var offset = TimeSpan.FromSeconds((double)samplesBefore / rate);
            var spoken = message.Alignment is { } alignment ? words.Add(alignment, offset) : [];
            if (final)
            {
                spoken.AddRange(words.Finish());
            }

            if (message.Audio.Length > 0)
            {
                timeouts.Started();
                var samples = Pcm16.FromBytes(message.Audio);
                samplesBefore += samples.Length;
                yield return new SpeechChunk(samples, rate, spoken);
            }
            else if (spoken.Count > 0)
            {
                // Timings without audio of their own (a word the alignment never closed): they still belong to the request.
                yield return new SpeechChunk([], rate, spoken);
            }
        }

        if (samplesBefore == 0)
        {
            throw SpeechEngineFailures.Malformed(Name, "the generation ended without audio");
        }

        await CloseQuietlyAsync(socket, timeouts.Token).ConfigureAwait(false);
    }

    private async Task<ClientWebSocket> OpenAsync(string voiceId, SynthesisRequest request, StreamTimeouts timeouts)
    {
        var url = ElevenLabsRequestMessages.Url(_options, voiceId, request.Model ?? _options.EffectiveModel);
        ClientWebSocket? socket = null;
        try
        {
            socket = await WebSocketConnector.ConnectAsync(
                Name, url, [new("xi-api-key", _options.ApiKey)], errorHeader: null, _options.RequestTimeout, _timeProvider, timeouts.Token).ConfigureAwait(false);
            await WebSocketMessages.SendTextAsync(socket, ElevenLabsRequestMessages.Open(_options), timeouts.Token).ConfigureAwait(false);
            await WebSocketMessages.SendTextAsync(socket, ElevenLabsRequestMessages.Text(request.Text), timeouts.Token).ConfigureAwait(false);
            await WebSocketMessages.SendTextAsync(socket, ElevenLabsRequestMessages.Close, timeouts.Token).ConfigureAwait(false);
            return socket;
        }
        catch (Exception ex) when (!timeouts.Caller.IsCancellationRequested)
        {
            socket?.Dispose();
            throw Translate(ex, timeouts);
        }
        catch
        {
            socket?.Dispose();
            throw;
        }
    }

    private async Task<ElevenLabsMessage> ReceiveAsync(ClientWebSocket socket, ArrayBufferWriter<byte> buffer, StreamTimeouts timeouts)
    {
        WebSocketMessageType type;
        try
        {
            type = await WebSocketMessages.ReceiveAsync(socket, buffer, MaxMessageBytes, timeouts.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!timeouts.Caller.IsCancellationRequested)
        {
            throw Translate(ex, timeouts);
        }

        if (type == WebSocketMessageType.Close)
        {
            throw SpeechEngineFailures.Closed(Name, socket.CloseStatus, socket.CloseStatusDescription);
        }

        if (type != WebSocketMessageType.Text)
        {
            throw SpeechEngineFailures.Malformed(Name, "a binary message, where the API sends JSON text");
        }

        try
        {
            return ElevenLabsMessage.Parse(buffer.WrittenMemory);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            throw SpeechEngineFailures.Malformed(Name, ex.Message, ex);
        }
    }

    private SpeechEngineException Translate(Exception exception, StreamTimeouts timeouts) => exception switch
    {
        SpeechEngineException engine => engine,
        _ when timeouts.Explain(Name, "did not start speaking", "in the middle of a sentence", exception) is { } timedOut => timedOut,
        InvalidDataException => SpeechEngineFailures.Malformed(Name, exception.Message, exception),
        _ => SpeechEngineFailures.Dropped(Name, $"the connection failed: {exception.Message}", exception),
    };

    /// <summary>Says goodbye after the final message without waiting for the server's answer: the audio is complete, so a failure here loses nothing.</summary>
    private static async Task CloseQuietlyAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        try
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The server may already have gone; the socket is disposed either way.
        }
    }
}
