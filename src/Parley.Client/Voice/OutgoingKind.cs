namespace Parley.Client.Voice;

/// <summary>What a queued frame is: it decides what happens to it while the session is reconnecting.</summary>
internal enum OutgoingKind
{
    /// <summary>Dropped while disconnected: it would arrive stale.</summary>
    Audio,

    /// <summary>Dropped while disconnected: there is no reply to cut.</summary>
    Interrupt,

    /// <summary>Held until reconnected, so that the turn is not lost.</summary>
    Text,

    /// <summary>Sent on the live connection.</summary>
    Stop,
}
