using Parley.Protocol;

namespace Parley.Client.Voice.Events;

/// <summary><c>transcript</c>: a line the user said (once heard) or the agent says (as it starts speaking it).</summary>
public sealed record TranscriptEvent(string Role, string Text) : VoiceEvent
{
    /// <summary>Whether the user said it.</summary>
    public bool IsUser => Role == Roles.User;
}
