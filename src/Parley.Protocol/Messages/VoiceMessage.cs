namespace Parley.Protocol.Messages;

/// <summary>One frame of <c>/ws/voice</c>: <c>{"type": ..., "payload": ...}</c>.</summary>
/// <remarks>Client and server types are disjoint but for <c>audio</c>, whose payload has one shape both ways.</remarks>
public abstract record VoiceMessage
{
    /// <summary>The frame's <c>type</c>.</summary>
    public abstract string Type { get; }
}
