using Parley.Engines.Speech;
using Parley.Engines.SpeechToText;

namespace Parley.Engines.Tests.Speech;

/// <summary>A recogniser for wrapper tests: its utterances "hear" how many samples they got, and fail as told.</summary>
internal sealed class FakeRecognizer(string name, bool interim = true, Func<int, SpeechEngineException?>? failCompleteOnAttempt = null) : ISpeechRecognizer
{
    private readonly bool _interim = interim;
    private readonly Func<int, SpeechEngineException?>? _failCompleteOnAttempt = failCompleteOnAttempt;

    public int Utterances { get; private set; }

    public int Open { get; private set; }

    public List<int> Heard { get; } = [];

    public bool FailPushes { get; set; }

    public string Name => name;

    public RecognizerCapabilities Capabilities => new(_interim, false, 16000, Remote: name != "local");

    public ValueTask<IRecognitionSession> OpenSessionAsync(RecognitionSessionOptions? options = null, CancellationToken cancellationToken = default)
        => ValueTask.FromResult<IRecognitionSession>(new Session(this));

    private sealed class Session(FakeRecognizer owner) : IRecognitionSession
    {
        public ValueTask<IUtteranceRecognition> BeginUtteranceAsync(CancellationToken cancellationToken = default)
        {
            owner.Utterances++;
            owner.Open++;
            return ValueTask.FromResult<IUtteranceRecognition>(new Utterance(owner, owner.Utterances));
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class Utterance(FakeRecognizer owner, int attempt) : IUtteranceRecognition
    {
        private int _samples;

        public bool EndOfTurn => false;

        public void Push(ReadOnlySpan<short> samples)
        {
            if (owner.FailPushes)
            {
                throw new SpeechEngineException("the socket dropped") { Engine = owner.Name, Retryable = true };
            }

            _samples += samples.Length;
        }

        public string? GetPartialText() => owner._interim ? $"{owner.Name} partial {_samples}" : null;

        public Task<string> CompleteAsync(CancellationToken cancellationToken = default)
        {
            if (owner._failCompleteOnAttempt?.Invoke(attempt) is { } failure)
            {
                throw failure;
            }

            owner.Heard.Add(_samples);
            return Task.FromResult($"{owner.Name} heard {_samples}");
        }

        public ValueTask DisposeAsync()
        {
            owner.Open--;
            return ValueTask.CompletedTask;
        }
    }
}
