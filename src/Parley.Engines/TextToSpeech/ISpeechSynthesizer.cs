namespace Parley.Engines.TextToSpeech;

/// <summary>A text-to-speech engine; thread-safe.</summary>
public interface ISpeechSynthesizer
{
    /// <summary>The engine's name, for logs and configuration.</summary>
    string Name { get; }

    /// <summary>The voices this engine can speak with.</summary>
    IReadOnlyList<string> Voices { get; }

    /// <summary>The voice used when none is asked for.</summary>
    string DefaultVoice { get; }

    /// <summary>Synthesises one sentence or clause.</summary>
    /// <exception cref="ArgumentException">The voice is not one of <see cref="Voices"/>.</exception>
    ValueTask<SynthesizedSpeech> SynthesizeAsync(string text, string voice, CancellationToken cancellationToken = default);

    /// <summary>
    /// Synthesises one sentence or clause; <paramref name="urgent"/> when someone is waiting for it now (a reply's
    /// first piece) rather than synthesised ahead of need, so an engine that does one at a time can take it first.
    /// </summary>
    ValueTask<SynthesizedSpeech> SynthesizeAsync(string text, string voice, bool urgent, CancellationToken cancellationToken = default)
        => SynthesizeAsync(text, voice, cancellationToken);
}
