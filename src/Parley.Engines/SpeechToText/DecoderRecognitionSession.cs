using Parley.Engines.Speech;

namespace Parley.Engines.SpeechToText;

/// <summary>A call's recognition on an embedded decoder engine: each utterance gets a decoder stream of its own (pooled or forked by the engine).</summary>
/// <param name="source">The engine.</param>
/// <param name="call">The engine's hold for the call (the forked helper kept running while a call is open), released when the session is disposed.</param>
public sealed class DecoderRecognitionSession(IDecoderSource source, IDisposable? call = null) : IRecognitionSession
{
    public async ValueTask<IUtteranceRecognition> BeginUtteranceAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return new DecoderUtterance(source.Name, await source.OpenStreamAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or SpeechEngineException))
        {
            throw new SpeechEngineException($"{source.Name} could not open a decoder: {ex.Message}", ex) { Engine = source.Name };
        }
    }

    public ValueTask DisposeAsync()
    {
        call?.Dispose();
        return ValueTask.CompletedTask;
    }

    // A decoder's failure reaches the session as the engine's failure (IUtteranceRecognition's contract); a forked
    // decoder that crashed already says so, retryable, as only its own process was lost.
    private sealed class DecoderUtterance(string engine, ISpeechRecognitionStream stream) : IUtteranceRecognition
    {
        public bool EndOfTurn => false;

        public void Push(ReadOnlySpan<short> samples)
        {
            try
            {
                stream.Push(samples);
            }
            catch (InvalidOperationException ex) when (ex is not ObjectDisposedException)
            {
                throw Failed(ex);
            }
        }

        public string? GetPartialText()
        {
            try
            {
                return stream.GetPartialText();
            }
            catch (InvalidOperationException ex) when (ex is not ObjectDisposedException)
            {
                throw Failed(ex);
            }
        }

        public Task<string> CompleteAsync(CancellationToken cancellationToken = default)
        {
            try
            {
                return Task.FromResult(stream.Complete());
            }
            catch (InvalidOperationException ex) when (ex is not ObjectDisposedException)
            {
                return Task.FromException<string>(Failed(ex));
            }
        }

        public ValueTask DisposeAsync()
        {
            stream.Dispose();
            return ValueTask.CompletedTask;
        }

        private SpeechEngineException Failed(InvalidOperationException ex) => new($"{engine} failed: {ex.Message}", ex) { Engine = engine };
    }
}
