using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using OpenAI.Audio;
using Parley.Engines.Speech;

namespace Parley.Engines.SpeechToText.OpenAI;

/// <summary>
/// Batch recognition on an OpenAI-compatible transcription server, through Microsoft.Extensions.AI's
/// <see cref="ISpeechToTextClient"/> over the OpenAI client's <see cref="AudioClient"/>: each utterance is kept (within
/// <see cref="OpenAIRecognizerOptions.MaxUtterance"/>) and sent as one WAV when it completes. No words while the user
/// speaks, no end-of-turn events of its own.
/// </summary>
public sealed class OpenAIRecognizer : ISpeechRecognizer, IDisposable
{
    /// <summary>The rate of the audio it takes and uploads: Whisper models work at 16 kHz.</summary>
    public const int SampleRate = 16000;

    private readonly ConcurrentDictionary<string, ISpeechToTextClient> _clients = new(StringComparer.Ordinal);

    /// <summary>Checks the options; nothing is sent until the first utterance completes.</summary>
    /// <exception cref="ArgumentException">The options are not usable (the message names the setting).</exception>
    public OpenAIRecognizer(OpenAIRecognizerOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate().FirstOrDefault() is { } problem)
        {
            throw new ArgumentException($"Invalid OpenAI recogniser options: {problem}", nameof(options));
        }

        Options = options;
        TimeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public string Name => Options.Name;

    /// <inheritdoc />
    public RecognizerCapabilities Capabilities { get; } = new(InterimResults: false, EndOfTurnEvents: false, SampleRate: SampleRate, Remote: true);

    internal OpenAIRecognizerOptions Options { get; }

    internal TimeProvider TimeProvider { get; }

    /// <inheritdoc />
    /// <remarks>Nothing is sent here: the server is only reached when an utterance completes.</remarks>
    public ValueTask<IRecognitionSession> OpenSessionAsync(RecognitionSessionOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var model = options?.Model ?? Options.EffectiveModel;
        var client = _clients.GetOrAdd(model, Create);
        return ValueTask.FromResult<IRecognitionSession>(new OpenAIRecognitionSession(this, client, model, options?.Language ?? Options.Language));
    }

    /// <summary>Disposes the clients made for each model.</summary>
    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }

    private ISpeechToTextClient Create(string model)
        => OpenAIAudioClients.Create(model, Options.BaseUrl, Options.ApiKey, Options.RequestTimeout).AsISpeechToTextClient();
}
