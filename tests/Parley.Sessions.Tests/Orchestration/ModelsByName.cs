using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Parley.Agents.Embedded;
using Parley.Agents.Providers;

namespace Parley.Sessions.Tests.Orchestration;

/// <summary>
/// The agents' models for the task worker tests, by <c>llm_model</c>: the embedded agent by default, a scripted model that
/// answers only when released (<c>gated</c>), and one whose server fails (<c>failing</c>), as a provider's error reaches us.
/// </summary>
internal sealed class ModelsByName(TimeProvider time) : IAgentChatClients
{
    private readonly SemaphoreSlim _gate = new(0);
    private int _started;

    /// <summary>Replies the gated model has begun.</summary>
    public int GatedStarted => Volatile.Read(ref _started);

    /// <summary>Lets one gated reply finish.</summary>
    public void Release() => _gate.Release();

    public IChatClient Create(string? llmModel) => llmModel switch
    {
        "gated" => new Gated(this),
        "failing" => new Failing(),
        _ => new EmbeddedChatClient(time),
    };

    private sealed class Gated(ModelsByName models) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            => GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref models._started);
            await models._gate.WaitAsync(cancellationToken);
            yield return new ChatResponseUpdate(ChatRole.Assistant, $"Done: {messages.Last().Text}.");
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    private sealed class Failing : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            => throw new ChatProviderException("The model server answered 500 Internal Server Error.");

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            => throw new ChatProviderException("The model server answered 500 Internal Server Error.");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
