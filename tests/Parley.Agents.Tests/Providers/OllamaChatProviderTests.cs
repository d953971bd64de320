using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Parley.Agents.Providers;
using Parley.Agents.Tools;
using static Parley.Agents.Tests.Providers.OllamaWire;

namespace Parley.Agents.Tests.Providers;

/// <summary>The native Ollama provider against a real server on loopback speaking <c>/api/chat</c> NDJSON.</summary>
public sealed class OllamaChatProviderTests : IAsyncLifetime
{
    private ScriptedModelServer _server = null!;
    private ConfiguredChatClients _clients = null!;

    public async Task InitializeAsync()
    {
        _server = await ScriptedModelServer.StartAsync(OllamaWire.Path);
        _clients = new ConfiguredChatClients(
            new AgentModelOptions
            {
                DefaultModel = "ollama",
                Providers =
                [
                    new ChatProviderOptions
                    {
                        Name = "ollama",
                        Type = ChatProviderTypes.Ollama,
                        BaseUrl = _server.Root.ToString(),
                        Models = [Model],
                        KeepAlive = "30m",
                        ContextLength = 8192,
                        Think = false,
                    },
                ],
            },
            TimeProvider.System,
            NullLogger<ConfiguredChatClients>.Instance);
    }

    public async Task DisposeAsync()
    {
        _clients.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task StreamsAnAnswerAndSendsTheNativeSettings()
    {
        _server.Then((context, _) => AnswerAsync(context, "Hello", " from", " Ollama."));

        var texts = new List<string>();
        await foreach (var update in _clients.Create("ollama/llama3.2").GetStreamingResponseAsync([new(ChatRole.User, "Hi!")], new ChatOptions { Temperature = 0.2f }))
        {
            if (update.Text is { Length: > 0 } text)
            {
                texts.Add(text);
            }
        }

        Assert.Equal(["Hello", " from", " Ollama."], texts);
        var request = Assert.Single(_server.Requests);
        Assert.Equal(Model, (string?)request["model"]);
        Assert.True((bool?)request["stream"]);
        Assert.Equal("30m", (string?)request["keep_alive"]);
        Assert.False((bool?)request["think"]);
        Assert.Equal(8192, (int?)request["options"]!["num_ctx"]);
        Assert.Equal(0.2, (double)request["options"]!["temperature"]!, 3);
        var messages = request["messages"]!.AsArray();
        Assert.Equal(VoicePrompts.VoiceInstruction, (string?)messages[0]!["content"]);
        Assert.Equal("Hi!", (string?)messages[^1]!["content"]);
    }

    [Fact]
    public async Task RunsAToolCallAndSendsItsResultBack()
    {
        _server.Then((context, _) => ToolCallAsync(context, BuiltInTools.CalculatorName, new { a = 12, op = "multiply", b = 7 }));
        _server.Then((context, _) => AnswerAsync(context, "That is", " eighty-four."));
        using var agent = AgentChatClientFactory.Create(_clients.Create("llama3.2"), TimeProvider.System);

        var response = await agent.GetResponseAsync([new(ChatRole.User, "What is twelve times seven?")]);

        Assert.Equal("That is eighty-four.", response.Text);
        Assert.Equal(2, _server.Requests.Count);
        var tool = _server.Requests[1]["messages"]!.AsArray().Single(m => (string?)m!["role"] == "tool")!;
        Assert.Contains("84", (string?)tool["content"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnErrorStatusFailsTheReplyWithAClearException()
    {
        _server.Then(async (context, token) =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsJsonAsync(new { error = "model 'llama3.2' not found, try pulling it first" }, token);
        });

        var error = await Assert.ThrowsAsync<ChatProviderException>(() => _clients.Create(null).GetResponseAsync([new(ChatRole.User, "Hi!")]));

        Assert.Equal("ollama", error.Provider);
        Assert.Equal(404, error.StatusCode);
        Assert.Contains("model 'llama3.2' not found, try pulling it first", error.Message, StringComparison.Ordinal);
    }
}
