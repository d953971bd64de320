namespace Parley.Client.Voice.Events;

/// <summary><c>ready</c>: the agent listens.</summary>
public sealed record ReadyEvent : VoiceEvent
{
    /// <summary>The one instance.</summary>
    public static ReadyEvent Instance { get; } = new();
}
