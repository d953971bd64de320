using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using OllamaSharp;
using OllamaSharp.Models;
using OllamaChatRequest = OllamaSharp.Models.Chat.ChatRequest;

namespace Parley.Agents.Providers;

/// <summary>
/// Ollama's native <c>/api/chat</c> through OllamaSharp. Over Ollama's OpenAI-compatible <c>/v1</c> it adds three
/// settings a voice call feels: <c>keep_alive</c> (<see cref="ChatProviderOptions.KeepAlive"/>: keep the model loaded,
/// so no caller waits seconds for a cold load), <c>num_ctx</c> (<see cref="ChatProviderOptions.ContextLength"/>: the
/// context window, which <c>/v1</c> cannot set, so there Ollama's small default silently cuts long prompts and
/// histories) and <c>think</c> (<see cref="ChatProviderOptions.Think"/>: false stops thinking models from reasoning
/// before they speak). Streaming and tool calls work through either; with none of these set, type <c>openai</c>
/// on <c>http://host:11434/v1</c> does the same.
/// </summary>
internal sealed class OllamaChatProvider(ChatProviderOptions options) : IChatProvider
{
    private readonly ConcurrentDictionary<string, Lazy<Entry>> _clients = new(StringComparer.Ordinal);

    public ChatProviderOptions Options => options;

    public IChatClient GetClient(string model) => _clients.GetOrAdd(model, m => new Lazy<Entry>(() => Create(m))).Value.Client;

    public void Dispose()
    {
        foreach (var entry in _clients.Values.Where(e => e.IsValueCreated))
        {
            entry.Value.Client.Dispose();
            entry.Value.Http.Dispose();
        }
    }

    private Entry Create(string model)
    {
        // The timeout covers the wait for the response headers; a stream that stalls afterwards is VoiceChatClient's to catch.
        var http = new HttpClient(new OllamaErrorHandler()) { BaseAddress = new Uri(options.BaseUrl), Timeout = options.RequestTimeout };
        IChatClient client = new OllamaApiClient(http, model);
        if (options.KeepAlive is not null || options.ContextLength is not null || options.Think is not null)
        {
            client = client.AsBuilder().ConfigureOptions(Tune).Build();
        }

        return new Entry(client, http);
    }

    /// <summary>Sets the native settings on each request's (cloned) options; OllamaSharp starts from this request.</summary>
    private void Tune(ChatOptions chatOptions) =>
        chatOptions.RawRepresentationFactory ??= _ => new OllamaChatRequest
        {
            KeepAlive = options.KeepAlive,
            Options = options.ContextLength is { } length ? new RequestOptions { NumCtx = length } : null,
            Think = options.Think,
        };

    private sealed record Entry(IChatClient Client, HttpClient Http);
}
