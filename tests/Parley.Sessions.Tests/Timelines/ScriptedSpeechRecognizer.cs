using Parley.Engines.SpeechToText;

namespace Parley.Sessions.Tests.Timelines;

/// <summary>A recogniser whose streams "hear" a phrase, chosen by the timeline's seed, one word per few loud frames pushed.</summary>
/// <remarks>
/// The phrases are picked so that the listener's judgement is predictable: words grow monotonically, so an utterance
/// whose partial words took the floor over the agent still takes it when complete (no false interruption, hence no
/// resumed reply), and a backchannel never takes it.
/// </remarks>
/// <param name="seed">Picks each utterance's phrase among <see cref="Phrases"/>.</param>
/// <param name="ledger">Counts open streams.</param>
/// <param name="faults">Where to fail.</param>
/// <param name="script">When given, the phrases utterances hear, in order (then the last one again).</param>
internal sealed class ScriptedSpeechRecognizer(int seed, EngineLedger ledger, FaultPlan faults, IReadOnlyList<string>? script = null) : ISpeechRecognizer
{
    /// <summary>What users say: questions, a stop word, a backchannel, and a cough (no words). No word of these is one the scripted agent says.</summary>
    public static readonly string[] Phrases = ["what time is it", "stop", "tell me a story please", "okay yeah", "hold on wait", ""];

    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();
    private int _utterances;

    public string Name => "scripted-stt";

    public int SampleRate => 16000;

    public async ValueTask<ISpeechRecognitionStream> OpenStreamAsync(CancellationToken cancellationToken = default)
    {
        faults.Hit(FaultPoint.RecognizerOpen);
        string phrase;
        bool yields;
        lock (_gate)
        {
            phrase = script is { Count: > 0 } ? script[Math.Min(_utterances++, script.Count - 1)] : Phrases[_random.Next(Phrases.Length)];
            yields = _random.Next(4) == 0;
        }

        if (yields)
        {
            // Like a pooled decoder that is not free at once.
            await Task.Yield();
        }

        cancellationToken.ThrowIfCancellationRequested();
        ledger.RecognitionStreamOpened();
        return new ScriptedRecognitionStream(phrase, ledger, faults);
    }
}
