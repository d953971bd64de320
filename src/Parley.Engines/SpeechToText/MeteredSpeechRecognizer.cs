using Parley.Engines.Speech;

namespace Parley.Engines.SpeechToText;

/// <summary>Counts a recogniser's failures and times its final texts (<see cref="EngineMetrics"/>).</summary>
public sealed class MeteredSpeechRecognizer(ISpeechRecognizer inner, TimeProvider? time = null) : DelegatingSpeechRecognizer(inner)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public override async ValueTask<IRecognitionSession> OpenSessionAsync(RecognitionSessionOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return new Session(await base.OpenSessionAsync(options, cancellationToken).ConfigureAwait(false), this);
        }
        catch (SpeechEngineException)
        {
            CountFailure();
            throw;
        }
    }

    private void CountFailure() => EngineMetrics.Failures.Add(1, EngineMetrics.Engine(Name), EngineMetrics.Direction("stt"));

    private sealed class Session(IRecognitionSession inner, MeteredSpeechRecognizer owner) : IRecognitionSession
    {
        public async ValueTask<IUtteranceRecognition> BeginUtteranceAsync(CancellationToken cancellationToken = default)
        {
            try
            {
                return new Utterance(await inner.BeginUtteranceAsync(cancellationToken).ConfigureAwait(false), owner);
            }
            catch (SpeechEngineException)
            {
                owner.CountFailure();
                throw;
            }
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    private sealed class Utterance(IUtteranceRecognition inner, MeteredSpeechRecognizer owner) : IUtteranceRecognition
    {
        public bool EndOfTurn => inner.EndOfTurn;

        public void Push(ReadOnlySpan<short> samples)
        {
            try
            {
                inner.Push(samples);
            }
            catch (SpeechEngineException)
            {
                owner.CountFailure();
                throw;
            }
        }

        public string? GetPartialText() => inner.GetPartialText();

        public async Task<string> CompleteAsync(CancellationToken cancellationToken = default)
        {
            var started = owner._time.GetTimestamp();
            try
            {
                var text = await inner.CompleteAsync(cancellationToken).ConfigureAwait(false);
                EngineMetrics.FinalTextLatency.Record(owner._time.GetElapsedTime(started).TotalMilliseconds, EngineMetrics.Engine(owner.Name));
                return text;
            }
            catch (SpeechEngineException)
            {
                owner.CountFailure();
                throw;
            }
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
