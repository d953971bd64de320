using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Parley.Agents.Tools;

namespace Parley.Agents.Embedded;

/// <summary>
/// An offline, rule-based <see cref="IChatClient"/> for voice: greets, tells the time and date, does arithmetic,
/// remembers the user's name from the conversation history, answers questions from the agent's knowledge, says what
/// it can do and says goodbye, in short sentences written for TTS. Time, arithmetic, knowledge and ending the call go
/// through the <c>get_current_time</c>, <c>calculator</c>, <c>knowledge_search</c> and <c>end_call</c> tools when
/// <see cref="ChatOptions.Tools"/> offers them (so wrap it with function invocation); time and arithmetic are answered
/// directly otherwise. System messages are ignored.
/// </summary>
public sealed class EmbeddedChatClient : IChatClient
{
    /// <summary>The model id reported on responses.</summary>
    public const string ModelId = "parley-embedded";

    private readonly TimeProvider _timeProvider;
    private readonly ReplyPlanner _planner;
    private readonly ChatClientMetadata _metadata = new("parley", defaultModelId: ModelId);

    /// <summary>Creates the client; <paramref name="timeProvider"/> supplies the clock and local time zone for direct answers.</summary>
    public EmbeddedChatClient(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
        _planner = new ReplyPlanner(new BuiltInTools(timeProvider));
    }

    /// <inheritdoc />
    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    /// <summary>Streams the reply word by word, or a single update holding a <see cref="FunctionCallContent"/>.</summary>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var history = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var reply = _planner.Plan(history, options);
        string responseId = Guid.NewGuid().ToString("N"), messageId = Guid.NewGuid().ToString("N");

        if (reply.ToolCall is { } call)
        {
            yield return CreateUpdate(call, responseId, messageId, ChatFinishReason.ToolCalls);
            yield break;
        }

        var chunks = SplitIntoWords(reply.Text ?? "");
        for (int i = 0; i < chunks.Count; i++)
        {
            // Yielding between chunks makes callers see a real stream, as from a remote model.
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            var finish = i == chunks.Count - 1 ? ChatFinishReason.Stop : (ChatFinishReason?)null;
            yield return CreateUpdate(new TextContent(chunks[i]), responseId, messageId, finish);
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // Nothing to release: no connections, no models.
    }

    private ChatResponseUpdate CreateUpdate(AIContent content, string responseId, string messageId, ChatFinishReason? finish) =>
        new(ChatRole.Assistant, [content])
        {
            ResponseId = responseId,
            MessageId = messageId,
            ModelId = ModelId,
            CreatedAt = _timeProvider.GetUtcNow(),
            FinishReason = finish,
        };

    // Each word keeps its trailing space, so concatenating the chunks gives the text back exactly.
    private static List<string> SplitIntoWords(string text)
    {
        var chunks = new List<string>();
        int start = 0;
        while (start < text.Length)
        {
            int space = text.IndexOf(' ', start);
            int end = space < 0 ? text.Length : space + 1;
            chunks.Add(text[start..end]);
            start = end;
        }

        return chunks;
    }
}
