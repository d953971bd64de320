using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Parley.Agents;

/// <summary>
/// An agent ready for a voice session: a chat client wrapped in function invocation, plus the tools it may call.
/// Each user turn, pass the whole conversation (optional system prompt, history, new user message) to
/// <see cref="StreamTextAsync"/>; or, to keep tool calls in the history, to <see cref="GetStreamingResponseAsync"/>
/// and add the collected updates to the history with <c>ChatResponseExtensions.AddMessages</c>.
/// </summary>
public sealed class AgentPipeline : IDisposable
{
    internal AgentPipeline(IChatClient chatClient, IReadOnlyList<AITool> tools)
    {
        ChatClient = chatClient;
        Tools = tools;
    }

    /// <summary>The function-invoking client; tool calls are already run when its responses come out.</summary>
    public IChatClient ChatClient { get; }

    /// <summary>The tools offered to the model on every request.</summary>
    public IReadOnlyList<AITool> Tools { get; }

    /// <summary>Creates fresh request options that offer <see cref="Tools"/>.</summary>
    public ChatOptions CreateOptions() => new() { Tools = [.. Tools] };

    /// <summary>
    /// Streams the reply to <paramref name="messages"/>: text updates to speak, and updates holding the
    /// <see cref="FunctionCallContent"/> and <see cref="FunctionResultContent"/> of each tool round trip.
    /// </summary>
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, CancellationToken cancellationToken = default) =>
        ChatClient.GetStreamingResponseAsync(messages, CreateOptions(), cancellationToken);

    /// <summary>Gets the whole reply to <paramref name="messages"/>, including tool call and result messages.</summary>
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, CancellationToken cancellationToken = default) =>
        ChatClient.GetResponseAsync(messages, CreateOptions(), cancellationToken);

    /// <summary>Streams only the text of the reply to <paramref name="messages"/>, chunk by chunk, ready for TTS.</summary>
    public async IAsyncEnumerable<string> StreamTextAsync(
        IEnumerable<ChatMessage> messages, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var update in GetStreamingResponseAsync(messages, cancellationToken))
        {
            if (update.Text is { Length: > 0 } text)
            {
                yield return text;
            }
        }
    }

    /// <summary>Disposes the chat client and the client it wraps.</summary>
    public void Dispose() => ChatClient.Dispose();
}
