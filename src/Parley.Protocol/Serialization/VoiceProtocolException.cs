namespace Parley.Protocol.Serialization;

/// <summary>A frame that breaks the wire contract; <see cref="Code"/> is the error code to answer with.</summary>
public sealed class VoiceProtocolException(string code, string message) : Exception(message)
{
    /// <summary>One of <see cref="ErrorCodes"/>.</summary>
    public string Code { get; } = code;
}
