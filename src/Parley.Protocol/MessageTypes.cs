namespace Parley.Protocol;

/// <summary>The <c>type</c> strings of every frame on <c>/ws/voice</c> (PROTOCOL.md section 2).</summary>
public static class MessageTypes
{
    // Client to server.
    public const string Start = "start";
    public const string Audio = "audio";
    public const string Text = "text";
    public const string Interrupt = "interrupt";
    public const string Stop = "stop";

    // Server to client.
    public const string Started = "started";
    public const string Ready = "ready";
    public const string Transcript = "transcript";
    public const string ToolCall = "tool_call";
    public const string Citation = "citation";
    public const string Interrupted = "interrupted";
    public const string Error = "error";
    public const string Ended = "ended";
}
