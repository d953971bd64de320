namespace Parley.Cli.Ask;

/// <summary>One tool call of the turn, with its last status (<c>started</c>, <c>completed</c> or <c>failed</c>).</summary>
internal sealed record AskToolCall(string ToolName, string Status);
