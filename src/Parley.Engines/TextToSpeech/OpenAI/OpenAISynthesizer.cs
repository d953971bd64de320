using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using OpenAI.Audio;
using Parley.Engines.Speech;

namespace Parley.Engines.TextToSpeech.OpenAI;

/// <summary>Speech from an OpenAI-compatible <c>POST /audio/speech</c> server, as PCM chunks while the body arrives.</summary>
/// <remarks>
/// The request goes through the OpenAI client's <see cref="AudioClient"/> (endpoint, key, error statuses), with its
/// protocol method and an unbuffered response, because neither convenience path streams this body:
/// Microsoft.Extensions.AI's <c>AsITextToSpeechClient()</c> buffers the whole answer and yields it as one update, and
/// <c>GenerateSpeechStreamingAsync</c> asks for server-sent events (<c>stream_format: sse</c>), which only OpenAI's
/// newest model speaks and Kokoro or Piper servers do not.
/// </remarks>
public sealed class OpenAISynthesizer : ISpeechSynthesizer
{
    /// <summary>The rate of <c>pcm</c> output in OpenAI's API.</summary>
    public const int SampleRate = 24000;

    // 100 ms of audio per read at most: small enough to start playing at once, large enough not to flood the caller.
    private const int ReadBytes = SampleRate / 10 * sizeof(short);

    private readonly OpenAISynthesizerOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<string, AudioClient> _clients = new(StringComparer.Ordinal);

    /// <summary>Checks the options; nothing is sent until the first sentence.</summary>
    /// <exception cref="ArgumentException">The options are not usable (the message names the setting).</exception>
    public OpenAISynthesizer(OpenAISynthesizerOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate().FirstOrDefault() is { } problem)
        {
            throw new ArgumentException($"Invalid OpenAI synthesiser options: {problem}", nameof(options));
        }

        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public string Name => _options.Name;

    /// <inheritdoc />
    public SynthesizerCapabilities Capabilities { get; } = new(StreamingOutput: true, WordTimings: false, SampleRate: SampleRate, Remote: true);

    /// <inheritdoc />
    public IReadOnlyList<string> Voices => _options.EffectiveVoices;

    /// <inheritdoc />
    public string DefaultVoice => ResolveVoice(_options.DefaultVoice ?? _options.EffectiveVoices[0]);

    /// <inheritdoc />
    /// <remarks>
    /// The first audio must come within <see cref="OpenAISynthesizerOptions.RequestTimeout"/> of the request, and each
    /// next part within <see cref="OpenAISynthesizerOptions.StallTimeout"/> of the one before; the time the caller takes
    /// with a chunk does not count. Whitespace gives one empty chunk without a request.
    /// </remarks>
    public async IAsyncEnumerable<SpeechChunk> SynthesizeAsync(SynthesisRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var voice = ResolveVoice(request.Voice);
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            yield return new SpeechChunk([], SampleRate);
            yield break;
        }

        var model = request.Model ?? _options.EffectiveModel;
        var client = _clients.GetOrAdd(model, CreateClient);
        using var timeouts = new StreamTimeouts(_options.RequestTimeout, _options.StallTimeout, _timeProvider, cancellationToken);
        using var response = await SendAsync(client, OpenAISpeechBody.Create(model, request.Text, voice), timeouts).ConfigureAwait(false);
        var body = response.ContentStream ?? throw SpeechEngineFailures.Malformed(Name, "the answer has no body");
        var buffer = new byte[ReadBytes + 1];
        var carried = 0; // an odd byte left from the last read: half a sample
        var any = false;
        while (true)
        {
            timeouts.Waiting();
            var read = await ReadAsync(body, buffer.AsMemory(carried, ReadBytes), timeouts).ConfigureAwait(false);
            timeouts.Received();
            if (read == 0)
            {
                break;
            }

            timeouts.Started();
            any = true;
            var bytes = carried + read;
            var whole = bytes & ~1;
            if (whole > 0)
            {
                yield return new SpeechChunk(Audio.Pcm16.FromBytes(buffer.AsSpan(0, whole)), SampleRate);
            }

            carried = bytes - whole;
            if (carried == 1)
            {
                buffer[0] = buffer[whole];
            }
        }

        if (!any)
        {
            throw SpeechEngineFailures.Malformed(Name, "the answer held no audio");
        }
    }

    private async Task<PipelineResponse> SendAsync(AudioClient client, BinaryContent body, StreamTimeouts timeouts)
    {
        try
        {
            var options = new RequestOptions { BufferResponse = false, CancellationToken = timeouts.Token };
            var result = await client.GenerateSpeechAsync(body, options).ConfigureAwait(false);
            return result.GetRawResponse();
        }
        catch (Exception ex) when (!timeouts.Caller.IsCancellationRequested)
        {
            throw Translate(ex, timeouts);
        }
    }

    private async ValueTask<int> ReadAsync(Stream body, Memory<byte> into, StreamTimeouts timeouts)
    {
        try
        {
            return await body.ReadAsync(into, timeouts.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!timeouts.Caller.IsCancellationRequested)
        {
            throw Translate(ex, timeouts);
        }
    }

    private SpeechEngineException Translate(Exception exception, StreamTimeouts timeouts)
        => timeouts.Explain(Name, "did not start speaking", "in the middle of a sentence", exception) ?? SpeechEngineFailures.FromClient(Name, exception);

    private string ResolveVoice(string? voice)
    {
        foreach (var known in _options.EffectiveVoices)
        {
            if (string.Equals(known, voice, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        throw new ArgumentException($"Unknown voice '{voice}' for {Name}; known voices: {string.Join(", ", _options.EffectiveVoices)}.", nameof(voice));
    }

    private AudioClient CreateClient(string model)
        => OpenAIAudioClients.Create(model, _options.BaseUrl, _options.ApiKey, _options.RequestTimeout > _options.StallTimeout ? _options.RequestTimeout : _options.StallTimeout);
}
