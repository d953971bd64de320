namespace Parley.Protocol.Messages;

/// <summary>Client: cut off the agent's current response.</summary>
public sealed record InterruptMessage : VoiceMessage
{
    /// <summary>The one instance; the frame carries no payload.</summary>
    public static readonly InterruptMessage Instance = new();

    public override string Type => MessageTypes.Interrupt;
}
