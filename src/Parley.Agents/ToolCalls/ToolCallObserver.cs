namespace Parley.Agents.ToolCalls;

/// <summary>Called when a tool call starts, completes or fails; awaited in line with the call, so keep it quick.</summary>
/// <remarks>An exception thrown here fails the tool call, so observers should not throw.</remarks>
public delegate ValueTask ToolCallObserver(ToolCallEvent toolCall, CancellationToken cancellationToken);
