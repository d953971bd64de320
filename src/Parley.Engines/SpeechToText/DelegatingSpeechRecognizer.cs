namespace Parley.Engines.SpeechToText;

/// <summary>A recogniser that passes everything to an inner one; wrappers that add one behaviour derive from it.</summary>
public abstract class DelegatingSpeechRecognizer(ISpeechRecognizer inner) : ISpeechRecognizer
{
    /// <summary>The recogniser this one wraps.</summary>
    protected ISpeechRecognizer InnerRecognizer { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    public virtual string Name => InnerRecognizer.Name;

    public virtual RecognizerCapabilities Capabilities => InnerRecognizer.Capabilities;

    public virtual ValueTask<IRecognitionSession> OpenSessionAsync(RecognitionSessionOptions? options = null, CancellationToken cancellationToken = default)
        => InnerRecognizer.OpenSessionAsync(options, cancellationToken);
}
