namespace Parley.Protocol.Messages;

/// <summary>Server: the agent's response was cut off.</summary>
public sealed record InterruptedMessage : VoiceMessage
{
    /// <summary>The one instance; the frame carries no payload.</summary>
    public static readonly InterruptedMessage Instance = new();

    public override string Type => MessageTypes.Interrupted;
}
