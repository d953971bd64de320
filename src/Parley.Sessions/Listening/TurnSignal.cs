namespace Parley.Sessions.Listening;

/// <summary>What one VAD frame changed about the user's turn.</summary>
internal enum TurnSignal
{
    None,

    /// <summary>Enough speech to count: a turn (or a barge-in) has begun.</summary>
    SpeechStarted,

    /// <summary>Enough silence after speech: the turn is over.</summary>
    SpeechEnded,
}
