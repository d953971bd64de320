using Parley.Engines.Speech;
using Parley.Engines.SpeechToText;

namespace Parley.Sessions.Tests.Timelines;

/// <summary>A recogniser whose utterances "hear" a phrase, chosen by the timeline's seed, one word per few loud frames pushed.</summary>
/// <remarks>
/// The phrases are picked so that the listener's judgement is predictable: words grow monotonically, so an utterance
/// whose partial words took the floor over the agent still takes it when complete, and a backchannel never takes it.
/// <paramref name="capabilities"/> says whether partial words are given while the user speaks, and whether the engine
/// proposes the end of the turn (once its phrase is all heard and quiet audio follows).
/// </remarks>
/// <param name="seed">Picks each utterance's phrase among <see cref="Phrases"/>.</param>
/// <param name="ledger">Counts open utterances.</param>
/// <param name="faults">Where to fail.</param>
/// <param name="script">When given, the phrases utterances hear, in order (then the last one again).</param>
/// <param name="capabilities">What it claims to do; words while speaking and no end-of-turn events by default.</param>
/// <param name="revise">How often an utterance's final has a word more than its words so far (<see cref="Revision"/>), as a recogniser's last pass may revise them; only questions of three words or more are revised, so no judgement of a backchannel or a stop word changes.</param>
internal sealed class ScriptedSpeechRecognizer(
    int seed, EngineLedger ledger, FaultPlan faults, IReadOnlyList<string>? script = null, RecognizerCapabilities? capabilities = null, double revise = 0) : ISpeechRecognizer
{
    /// <summary>The word a revised final ends with; none the scripted agent says.</summary>
    public const string Revision = "now";

    // Its own random, so the phrases a seed hears are those it heard before revisions existed.
    private readonly Random _revisions = new(unchecked((seed * 31) + 7));

    /// <summary>What users say: questions, a stop word, a backchannel, and a cough (no words). No word of these is one the scripted agent says.</summary>
    public static readonly string[] Phrases = ["what time is it", "stop", "tell me a story please", "okay yeah", "hold on wait", ""];

    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();
    private int _utterances;

    public string Name => "scripted-stt";

    public RecognizerCapabilities Capabilities { get; } = capabilities ?? new(InterimResults: true, EndOfTurnEvents: false, SampleRate: 16000, Remote: false);

    public ValueTask<IRecognitionSession> OpenSessionAsync(RecognitionSessionOptions? options = null, CancellationToken cancellationToken = default)
        => ValueTask.FromResult<IRecognitionSession>(new Session(this));

    private async ValueTask<IUtteranceRecognition> BeginAsync(CancellationToken cancellationToken)
    {
        faults.Hit(FaultPoint.RecognizerOpen);
        string phrase;
        bool yields;
        bool revised;
        lock (_gate)
        {
            phrase = script is { Count: > 0 } ? script[Math.Min(_utterances++, script.Count - 1)] : Phrases[_random.Next(Phrases.Length)];
            yields = _random.Next(4) == 0;
            revised = revise > 0 && _revisions.NextDouble() < revise && phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 3;
        }

        if (yields)
        {
            // Like a pooled decoder that is not free at once, or a remote engine a round trip away.
            await Task.Yield();
        }

        cancellationToken.ThrowIfCancellationRequested();
        ledger.RecognitionStreamOpened();
        return new ScriptedRecognitionStream(phrase, ledger, faults, Capabilities, revised ? Revision : null);
    }

    private sealed class Session(ScriptedSpeechRecognizer owner) : IRecognitionSession
    {
        public ValueTask<IUtteranceRecognition> BeginUtteranceAsync(CancellationToken cancellationToken = default) => owner.BeginAsync(cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
