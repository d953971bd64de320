using Parley.Engines.Speech;

namespace Parley.Engines.SpeechToText;

/// <summary>A call's recognition on an embedded decoder engine: each utterance gets a decoder stream of its own (pooled or forked by the engine).</summary>
public sealed class DecoderRecognitionSession(IDecoderSource source) : IRecognitionSession
{
    public async ValueTask<IUtteranceRecognition> BeginUtteranceAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return new DecoderUtterance(await source.OpenStreamAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or SpeechEngineException))
        {
            throw new SpeechEngineException($"{source.Name} could not open a decoder: {ex.Message}", ex) { Engine = source.Name };
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class DecoderUtterance(ISpeechRecognitionStream stream) : IUtteranceRecognition
    {
        public bool EndOfTurn => false;

        public void Push(ReadOnlySpan<short> samples) => stream.Push(samples);

        public string? GetPartialText() => stream.GetPartialText();

        public Task<string> CompleteAsync(CancellationToken cancellationToken = default) => Task.FromResult(stream.Complete());

        public ValueTask DisposeAsync()
        {
            stream.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
