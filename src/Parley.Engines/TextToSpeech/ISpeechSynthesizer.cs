namespace Parley.Engines.TextToSpeech;

/// <summary>A text-to-speech engine; thread-safe.</summary>
/// <remarks>
/// Embedded (Flite) or remote (an OpenAI-compatible speech endpoint, ElevenLabs' stream-input API). Cross-cutting
/// behaviour — logging, metrics, retries, falling back to another engine — wraps an engine as a
/// <see cref="DelegatingSpeechSynthesizer"/> (see <see cref="SpeechSynthesizerBuilder"/>), never lives inside one.
/// </remarks>
public interface ISpeechSynthesizer
{
    /// <summary>The engine's name, as configured.</summary>
    string Name { get; }

    /// <summary>What it can do.</summary>
    SynthesizerCapabilities Capabilities { get; }

    /// <summary>The voices this engine can speak with.</summary>
    IReadOnlyList<string> Voices { get; }

    /// <summary>The voice used when none is asked for.</summary>
    string DefaultVoice { get; }

    /// <summary>Speaks one sentence or clause, as chunks of audio as they are made (one chunk for an engine that does not stream).</summary>
    /// <exception cref="ArgumentException">The voice is not one of <see cref="Voices"/>.</exception>
    /// <exception cref="Speech.SpeechEngineException">The engine failed, timed out or stalled.</exception>
    IAsyncEnumerable<SpeechChunk> SynthesizeAsync(SynthesisRequest request, CancellationToken cancellationToken = default);
}
