namespace Parley.MicroBench;

/// <summary>The audio a benchmark processes or produces, so that columns can relate its time to the audio's length.</summary>
public enum AudioClip
{
    /// <summary>The caller's question the STT benchmarks decode (<see cref="BenchmarkSpeech.Utterance"/>).</summary>
    Utterance,

    /// <summary>Both sentences of the agent's reply the TTS benchmarks synthesise (<see cref="BenchmarkSpeech.ReplySentences"/>).</summary>
    Reply,

    /// <summary>The first sentence of that reply alone.</summary>
    FirstReplySentence,

    /// <summary>One second of audio.</summary>
    OneSecond,

    /// <summary>One 40 ms frame.</summary>
    FortyMilliseconds,
}
