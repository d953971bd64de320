namespace Parley.Storage.Messages;

/// <summary>The <c>type</c> values of a voice message's timeline events.</summary>
public static class TimelineEventTypes
{
    public const string Transcript = "transcript";
    public const string ToolCallStatus = "tool_call_status";
    public const string Citation = "citation";
}
