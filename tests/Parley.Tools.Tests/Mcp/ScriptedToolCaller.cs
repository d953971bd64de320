using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Parley.Tools.Tests.Mcp;

/// <summary>A model that calls one tool, then answers with what the tool returned: enough to drive function invocation.</summary>
internal sealed class ScriptedToolCaller(string toolName, IDictionary<string, object?> arguments) : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().LastOrDefault();
        var reply = result is null
            ? new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call_1", toolName, arguments)])
            : new ChatMessage(ChatRole.Assistant, $"The tool said: {result.Result}");
        return Task.FromResult(new ChatResponse(reply));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
