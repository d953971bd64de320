namespace Parley.Protocol.Messages;

/// <summary>Client: end the session gracefully.</summary>
public sealed record StopMessage : VoiceMessage
{
    /// <summary>The one instance; the frame carries no payload.</summary>
    public static readonly StopMessage Instance = new();

    public override string Type => MessageTypes.Stop;
}
