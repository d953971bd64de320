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
}
