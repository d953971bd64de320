namespace Parley.Sessions;

public sealed partial class VoiceSession
{
    /// <summary>Words said as they are when the session opens, in place of the agent's own greeting (a phone number's greeting); null for the agent's.</summary>
    /// <remarks>Said only when the session would greet: not with <c>initial_message</c> or <c>silent_start</c>.</remarks>
    public string? OpeningLine { get; init; }
}
