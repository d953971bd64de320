using Microsoft.Extensions.AI;

namespace Parley.Agents.ToolCalls;

/// <summary>Lets a reply be prepared before its turn is sure (a speculative reply), with its tools held until it is.</summary>
/// <remarks>
/// A reply started on the user's words as they pause may be thrown away if the user goes on; its text and speech cost
/// nothing to drop, but a tool may act on the world (a webhook, a delegated task). Such a reply carries a task in its
/// <see cref="ChatOptions.AdditionalProperties"/>; the tool invoker waits for it before running any tool.
/// </remarks>
public static class TurnConfirmation
{
    private const string Key = "parley.turn_confirmed";

    /// <summary>Options for a reply whose tools wait for <paramref name="confirmed"/>.</summary>
    public static ChatOptions With(ChatOptions? options, Task confirmed)
    {
        var held = options?.Clone() ?? new ChatOptions();
        held.AdditionalProperties = held.AdditionalProperties is { } properties ? new AdditionalPropertiesDictionary(properties) : [];
        held.AdditionalProperties[Key] = confirmed;
        return held;
    }

    /// <summary>Waits until the reply these options belong to is confirmed (at once for an ordinary reply).</summary>
    public static Task WaitAsync(ChatOptions? options, CancellationToken cancellationToken)
        => options?.AdditionalProperties?.TryGetValue(Key, out var value) == true && value is Task confirmed
            ? confirmed.WaitAsync(cancellationToken)
            : Task.CompletedTask;
}
