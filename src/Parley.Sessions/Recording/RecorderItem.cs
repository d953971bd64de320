namespace Parley.Sessions.Recording;

/// <summary>What the listener and the replies tell a session's <see cref="CallRecorder"/>, in the order it happened.</summary>
internal abstract record RecorderItem
{
    /// <summary>A frame of microphone audio heard (16 kHz), ending at <paramref name="RecordedAt"/>; <paramref name="Samples"/> is rented from the shared pool.</summary>
    public sealed record UserAudio(short[] Samples, int Count, long RecordedAt) : RecorderItem;

    /// <summary>An utterance began with the last <paramref name="Frames"/> frames heard (the pre-roll and the onset frame).</summary>
    public sealed record UtteranceBegan(int Frames) : RecorderItem;

    /// <summary>The utterance ended with the last frame heard; <paramref name="Kept"/> when it was a turn of the user's (not echo, a backchannel, a noise).</summary>
    public sealed record UtteranceEnded(bool Kept) : RecorderItem;

    /// <summary>A frame of a reply sent to the client (24 kHz), playing at <paramref name="PlaysAt"/>.</summary>
    public sealed record AgentAudio(object Reply, ReadOnlyMemory<short> Samples, long PlaysAt) : RecorderItem;

    /// <summary>A reply is over; <paramref name="Heard"/> of its audio played (all of it, or up to where it was cut off).</summary>
    public sealed record ReplyEnded(object Reply, TimeSpan Heard) : RecorderItem;
}
