using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;

namespace Parley.Agents.Providers;

/// <summary>
/// Any server speaking OpenAI chat completions (OpenAI, Azure OpenAI's v1 endpoint, vLLM, llama.cpp server, LM Studio,
/// Ollama's <c>/v1</c>), through the OpenAI client and Microsoft.Extensions.AI.OpenAI: streaming, with tool calls.
/// </summary>
internal sealed class OpenAIChatProvider(ChatProviderOptions options) : IChatProvider
{
    private readonly ConcurrentDictionary<string, IChatClient> _clients = new(StringComparer.Ordinal);

    public ChatProviderOptions Options => options;

    public IChatClient GetClient(string model) => _clients.GetOrAdd(model, Create);

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }

    private IChatClient Create(string model)
    {
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = new Uri(options.BaseUrl),
            NetworkTimeout = options.RequestTimeout,
            RetryPolicy = new ClientRetryPolicy(options.MaxRetries),
        };
        // Local servers want no key, but the client insists on one.
        var key = new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? "unused" : options.ApiKey);
        return new ChatClient(model, key, clientOptions).AsIChatClient();
    }
}
