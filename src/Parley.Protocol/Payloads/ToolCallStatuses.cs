namespace Parley.Protocol.Payloads;

/// <summary>The <c>status</c> values of <c>tool_call</c>.</summary>
public static class ToolCallStatuses
{
    public const string Started = "started";
    public const string Completed = "completed";
    public const string Failed = "failed";
}
