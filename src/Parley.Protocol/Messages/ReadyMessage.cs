namespace Parley.Protocol.Messages;

/// <summary>Server: the agent listens; audio may flow.</summary>
public sealed record ReadyMessage : VoiceMessage
{
    /// <summary>The one instance; the frame carries no payload.</summary>
    public static readonly ReadyMessage Instance = new();

    public override string Type => MessageTypes.Ready;
}
