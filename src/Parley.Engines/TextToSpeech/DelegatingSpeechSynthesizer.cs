namespace Parley.Engines.TextToSpeech;

/// <summary>A synthesiser that passes everything to an inner one; wrappers that add one behaviour derive from it.</summary>
public abstract class DelegatingSpeechSynthesizer(ISpeechSynthesizer inner) : ISpeechSynthesizer
{
    /// <summary>The synthesiser this one wraps.</summary>
    protected ISpeechSynthesizer InnerSynthesizer { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    public virtual string Name => InnerSynthesizer.Name;

    public virtual SynthesizerCapabilities Capabilities => InnerSynthesizer.Capabilities;

    public virtual IReadOnlyList<string> Voices => InnerSynthesizer.Voices;

    public virtual string DefaultVoice => InnerSynthesizer.DefaultVoice;

    public virtual IAsyncEnumerable<SpeechChunk> SynthesizeAsync(SynthesisRequest request, CancellationToken cancellationToken = default)
        => InnerSynthesizer.SynthesizeAsync(request, cancellationToken);
}
