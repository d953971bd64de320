namespace Parley.Engines.TextToSpeech;

/// <summary>Text to speech with Flite and its CMU US English voices (slt, kal, kal16, rms, awb).</summary>
/// <remarks>Voices are loaded on first use. Synthesis runs on the caller's thread once its turn comes: a sentence takes ~20 ms, less than a thread hop would save.</remarks>
public sealed class FliteSynthesizer : ISpeechSynthesizer
{
    private static readonly string[] KnownVoices = ["slt", "kal", "kal16", "rms", "awb"];

    // One queue for the process, as Flite itself is one at a time for the process (FliteRuntime's lock).
    private static readonly UrgencyGate Turns = new();

    /// <summary>Checks the options; no native work happens until the first synthesis.</summary>
    /// <exception cref="ArgumentException">The default voice is not one of <see cref="Voices"/>.</exception>
    public FliteSynthesizer(FliteOptions? options = null)
    {
        options ??= new FliteOptions();
        DefaultVoice = Resolve(options.DefaultVoice, nameof(options));
    }

    /// <inheritdoc />
    public string Name => "flite";

    /// <inheritdoc />
    public IReadOnlyList<string> Voices => KnownVoices;

    /// <inheritdoc />
    public string DefaultVoice { get; }

    /// <inheritdoc />
    /// <remarks>Empty or whitespace text gives empty speech at the voice's rate. The rates are slt, rms, awb, kal16: 16 kHz; kal: 8 kHz.</remarks>
    public ValueTask<SynthesizedSpeech> SynthesizeAsync(string text, string voice, CancellationToken cancellationToken = default)
        => SynthesizeAsync(text, voice, urgent: true, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Flite runs one synthesis at a time for the process; urgent pieces waiting go first (see <see cref="UrgencyGate"/>).</remarks>
    public async ValueTask<SynthesizedSpeech> SynthesizeAsync(string text, string voice, bool urgent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var name = Resolve(voice, nameof(voice));
        cancellationToken.ThrowIfCancellationRequested();
        using var turn = await Turns.EnterAsync(urgent, cancellationToken).ConfigureAwait(false);
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
