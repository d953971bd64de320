namespace Parley.Engines.SpeechToText.Deepgram;

/// <summary>
/// Streaming recognition on Deepgram's live WebSocket API: words while the user speaks (interim results), Deepgram's
/// own end-of-turn events (<c>speech_final</c>, <c>UtteranceEnd</c>), one connection per call kept open across
/// utterances with <c>KeepAlive</c> and reopened when it drops.
/// </summary>
public sealed class DeepgramRecognizer : ISpeechRecognizer
{
    /// <summary>The rate of the audio it takes (<c>linear16</c> at 16 kHz, mono).</summary>
    public const int SampleRate = 16000;

    /// <summary>Checks the options; nothing connects until a call opens a session.</summary>
    /// <exception cref="ArgumentException">The options are not usable (the message names the setting).</exception>
    public DeepgramRecognizer(DeepgramRecognizerOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate().FirstOrDefault() is { } problem)
        {
            throw new ArgumentException($"Invalid Deepgram recogniser options: {problem}", nameof(options));
        }

        Options = options;
        TimeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public string Name => Options.Name;

    /// <inheritdoc />
    public RecognizerCapabilities Capabilities { get; } = new(InterimResults: true, EndOfTurnEvents: true, SampleRate: SampleRate, Remote: true);

    internal DeepgramRecognizerOptions Options { get; }

    internal TimeProvider TimeProvider { get; }

    /// <inheritdoc />
    /// <remarks>Connects here (one attempt, within <see cref="DeepgramRecognizerOptions.RequestTimeout"/>), so a call that cannot reach Deepgram knows at once.</remarks>
    public async ValueTask<IRecognitionSession> OpenSessionAsync(RecognitionSessionOptions? options = null, CancellationToken cancellationToken = default)
    {
        var url = DeepgramListenUrl.Build(Options, options?.Model ?? Options.EffectiveModel, options?.Language ?? Options.Language);
        return await DeepgramRecognitionSession.OpenAsync(this, url, cancellationToken).ConfigureAwait(false);
    }
}
