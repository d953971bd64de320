namespace Parley.Engines.TextToSpeech;

/// <summary>Text to speech with Flite and its CMU US English voices (slt, kal, kal16, rms, awb).</summary>
/// <remarks>Voices are loaded on first use. Synthesis runs on the caller's thread once its turn comes: a sentence takes ~20 ms, less than a thread hop would save.</remarks>
public sealed class FliteSynthesizer : ISpeechSynthesizer
{
    private static readonly string[] KnownVoices = ["slt", "kal", "kal16", "rms", "awb"];

    private readonly UrgencyGate _turns;

    /// <summary>Checks the options; no native work happens until the first synthesis.</summary>
    /// <exception cref="ArgumentException">The default voice is not one of <see cref="Voices"/>, or the concurrency is below 1.</exception>
    public FliteSynthesizer(FliteOptions? options = null)
    {
        options ??= new FliteOptions();
        DefaultVoice = Resolve(options.DefaultVoice, nameof(options));
        if (options.MaxConcurrentSyntheses < 1)
        {
            throw new ArgumentException($"MaxConcurrentSyntheses must be at least 1, got {options.MaxConcurrentSyntheses}.", nameof(options));
        }

        _turns = new UrgencyGate(options.MaxConcurrentSyntheses);
    }

    /// <inheritdoc />
    public string Name => "flite";

    /// <inheritdoc />
    /// <remarks>Voices speak at 16 kHz (kal at 8 kHz); the capability names the usual rate, each chunk carries its own.</remarks>
    public SynthesizerCapabilities Capabilities { get; } = new(StreamingOutput: false, WordTimings: false, SampleRate: 16000, Remote: false);

    /// <inheritdoc />
    public IReadOnlyList<string> Voices => KnownVoices;

    /// <inheritdoc />
    public string DefaultVoice { get; }

    /// <inheritdoc />
    /// <remarks>The whole piece comes as one chunk (Flite does not stream; a sentence takes ~20 ms).</remarks>
    public async IAsyncEnumerable<SpeechChunk> SynthesizeAsync(SynthesisRequest request, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var speech = await SynthesizeAsync(request.Text, request.Voice, request.Urgent, cancellationToken).ConfigureAwait(false);
        yield return new SpeechChunk(speech.Samples, speech.SampleRate);
    }

    /// <summary>Synthesises one sentence or clause whole; empty or whitespace text gives empty speech at the voice's rate (slt, rms, awb, kal16: 16 kHz; kal: 8 kHz).</summary>
    public ValueTask<SynthesizedSpeech> SynthesizeAsync(string text, string voice, CancellationToken cancellationToken = default)
        => SynthesizeAsync(text, voice, urgent: true, cancellationToken);

    /// <summary>Synthesises one piece whole; at most <see cref="FliteOptions.MaxConcurrentSyntheses"/> run at once, and urgent pieces waiting go first (see <see cref="UrgencyGate"/>).</summary>
    public async ValueTask<SynthesizedSpeech> SynthesizeAsync(string text, string voice, bool urgent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var name = Resolve(voice, nameof(voice));
        cancellationToken.ThrowIfCancellationRequested();
        using var turn = await _turns.EnterAsync(urgent, cancellationToken).ConfigureAwait(false);
        return FliteRuntime.Synthesize(name, text);
    }

    private static string Resolve(string? voice, string parameterName)
    {
        foreach (var known in KnownVoices)
        {
            if (string.Equals(known, voice, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        throw new ArgumentException($"Unknown Flite voice '{voice}'; known voices: {string.Join(", ", KnownVoices)}.", parameterName);
    }
}
