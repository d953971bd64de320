namespace Parley.Client.Voice.Events;

/// <summary><c>interrupted</c>: the agent's reply was cut off; flush queued playback at once (see <c>PlaybackQueue.Flush</c>).</summary>
public sealed record InterruptedEvent : VoiceEvent
{
    /// <summary>The one instance.</summary>
    public static InterruptedEvent Instance { get; } = new();
}
