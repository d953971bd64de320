namespace Parley.Agents.ToolCalls;

/// <summary>One step of a tool call, as seen by a <see cref="ToolCallObserver"/>.</summary>
/// <param name="CallId">The id the model gave the call; the same for all steps of one call.</param>
/// <param name="ToolName">The tool's name, e.g. <c>get_current_time</c>.</param>
/// <param name="Status">Which step this is.</param>
public sealed record ToolCallEvent(string CallId, string ToolName, ToolCallStatus Status)
{
    /// <summary>The arguments the model passed.</summary>
    public IReadOnlyDictionary<string, object?> Arguments { get; init; } = new Dictionary<string, object?>();

    /// <summary>The tool's result, when <see cref="Status"/> is <see cref="ToolCallStatus.Completed"/>.</summary>
    public object? Result { get; init; }

    /// <summary>Why the call failed, when <see cref="Status"/> is <see cref="ToolCallStatus.Failed"/>.</summary>
    public Exception? Error { get; init; }

    /// <summary>How long the tool ran; zero for <see cref="ToolCallStatus.Started"/>.</summary>
    public TimeSpan Duration { get; init; }
}
