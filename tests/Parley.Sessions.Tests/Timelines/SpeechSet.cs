namespace Parley.Sessions.Tests.Timelines;

/// <summary>The recogniser capabilities a timeline runs with: turn-taking adapts to each.</summary>
public enum SpeechSet
{
    /// <summary>Words while the user speaks (PocketSphinx): barge-in and endpointing by words.</summary>
    Words,

    /// <summary>Words and the engine's own end-of-turn events (Deepgram).</summary>
    EndOfTurnEvents,

    /// <summary>No words until the utterance ends (a batch transcription endpoint alone): barge-in by sound, endpointing by silence; streaming synthesis with word timings.</summary>
    Batch,

    /// <summary>A local engine's words drive turn-taking, a batch engine gives the final text.</summary>
    Hybrid,
}
