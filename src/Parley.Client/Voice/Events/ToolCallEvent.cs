namespace Parley.Client.Voice.Events;

/// <summary><c>tool_call</c>: the agent uses a tool; <see cref="Status"/> is <c>started</c>, <c>completed</c> or <c>failed</c>.</summary>
public sealed record ToolCallEvent(string ToolName, string Status) : VoiceEvent;
