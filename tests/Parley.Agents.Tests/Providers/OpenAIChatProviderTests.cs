using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Parley.Agents.Providers;
using Parley.Agents.ToolCalls;
using Parley.Agents.Tools;
using static Parley.Agents.Tests.Providers.ChatCompletionsWire;

namespace Parley.Agents.Tests.Providers;

/// <summary>The OpenAI-compatible provider against a real chat-completions server on loopback.</summary>
public sealed class OpenAIChatProviderTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private ScriptedModelServer _server = null!;
    private ConfiguredChatClients _clients = null!;

    public async Task InitializeAsync() => _server = await ScriptedModelServer.StartAsync(ChatCompletionsWire.Path);

    public async Task DisposeAsync()
    {
        _clients?.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task StreamsATextAnswerAsSeveralUpdatesWhileTheServerIsStillWriting()
    {
        var firstSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.Then(async (context, token) =>
        {
            await BeginAsync(context);
            await ChunkAsync(context, new { role = "assistant", content = "" });
            await TextAsync(context, "Hello there.");
            // The rest waits until the client has shown the first words: the answer really streams.
            await firstSeen.Task.WaitAsync(Patience, token);
            await TextAsync(context, " How can I");
            await TextAsync(context, " help you today?");
            await ChunkAsync(context, new { }, "stop");
            await DoneAsync(context);
        });

        var texts = new List<string>();
        await foreach (var update in Client().GetStreamingResponseAsync([new(ChatRole.User, "Hi!")]))
        {
            if (update.Text is { Length: > 0 } text)
            {
                texts.Add(text);
                firstSeen.TrySetResult();
            }
        }

        Assert.Equal(["Hello there.", " How can I", " help you today?"], texts);
        var request = Assert.Single(_server.Requests);
        Assert.Equal(Model, (string?)request["model"]);
        Assert.True((bool?)request["stream"]);
        var messages = Messages(request);
        Assert.Equal(("system", VoicePrompts.VoiceInstruction), messages[0]);
        Assert.Equal(("user", "Hi!"), messages[^1]);
    }

    [Fact]
    public async Task RunsAToolCallSplitAcrossChunksAndSendsItsResultBack()
    {
        _server.Then(async (context, _) =>
        {
            await BeginAsync(context);
            await ChunkAsync(context, new
            {
                role = "assistant",
                content = (string?)null,
                tool_calls = new[] { new { index = 0, id = "call_abc123", type = "function", function = new { name = BuiltInTools.CalculatorName, arguments = "" } } },
            });
            foreach (var piece in new[] { "{\"a\": 1", "2, \"op\": \"mul", "tiply\", \"b\"", ": 7}" })
            {
                await ChunkAsync(context, new { tool_calls = new[] { new { index = 0, function = new { arguments = piece } } } });
            }

            await ChunkAsync(context, new { }, "tool_calls");
            await DoneAsync(context);
        });
        _server.Then((context, _) => AnswerAsync(context, "Twelve times seven", " is eighty-four."));
        var toolEvents = new ConcurrentQueue<ToolCallEvent>();
        using var agent = AgentChatClientFactory.Create(Client(), TimeProvider.System, (call, _) =>
        {
            toolEvents.Enqueue(call);
            return ValueTask.CompletedTask;
        });

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in agent.GetStreamingResponseAsync([new(ChatRole.User, "What is twelve times seven?")]))
        {
            updates.Add(update);
        }

        Assert.Equal("Twelve times seven is eighty-four.", string.Concat(updates.Select(u => u.Text)));
        var call = Assert.Single(updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>());
        Assert.Equal("call_abc123", call.CallId);
        Assert.Equal("84", Assert.Single(updates.SelectMany(u => u.Contents).OfType<FunctionResultContent>()).Result?.ToString());
        Assert.Equal([ToolCallStatus.Started, ToolCallStatus.Completed], toolEvents.Select(e => e.Status));

        Assert.Equal(2, _server.Requests.Count);
        var second = _server.Requests[1]["messages"]!.AsArray();
        var asked = second.Single(m => (string?)m!["role"] == "assistant")!;
        var askedCall = asked["tool_calls"]!.AsArray().Single()!;
        Assert.Equal("call_abc123", (string?)askedCall["id"]);
        Assert.Equal(BuiltInTools.CalculatorName, (string?)askedCall["function"]!["name"]);
        var result = second.Single(m => (string?)m!["role"] == "tool")!;
        Assert.Equal("call_abc123", (string?)result["tool_call_id"]);
        Assert.Equal("84", (string?)result["content"]);
        Assert.NotNull(_server.Requests[0]["tools"]!.AsArray().SingleOrDefault(t => (string?)t!["function"]!["name"] == BuiltInTools.CalculatorName));
    }

    [Theory]
    [InlineData(500, "The model crashed.")]
    [InlineData(429, "Rate limit reached for requests.")]
    public async Task AnErrorStatusFailsTheReplyWithAClearException(int status, string message)
    {
        _server.Then((context, _) => ErrorAsync(context, status, message));

        var error = await Assert.ThrowsAsync<ChatProviderException>(() => Client().GetResponseAsync([new(ChatRole.User, "Hi!")]));

        Assert.Equal(status, error.StatusCode);
        Assert.Equal("local", error.Provider);
        Assert.Equal(Model, error.Model);
        Assert.Contains($"provider 'local' answered HTTP {status}", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message); // One line, for logs and the session's error.
        Assert.Single(_server.Requests); // MaxRetries is 0 here.
    }

    [Fact]
    public async Task AStalledStreamTimesOutWithinTheStallTimeout()
    {
        _server.Then(async (context, token) =>
        {
            await BeginAsync(context);
            await ChunkAsync(context, new { role = "assistant", content = "" });
            await TextAsync(context, "Let me think");
            await Task.Delay(Timeout.Infinite, token);
        });
        var texts = new List<string>();
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<TimeoutException>(async () =>
        {
            await foreach (var update in Client(stallTimeout: TimeSpan.FromSeconds(1)).GetStreamingResponseAsync([new(ChatRole.User, "Hi!")]))
            {
                texts.Add(update.Text);
            }
        });

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
        Assert.Contains("Let me think", texts);
        Assert.Contains("'local' sent nothing for 1 s", error.Message, StringComparison.Ordinal);
        // The request is abandoned for real: the connection goes, nothing is left waiting on it.
        await _server.ClientGaveUp.Task.WaitAsync(Patience);
    }

    [Fact]
    public async Task AGreetingWithoutAUserTurnAsksTheModelToGreetAndExplainTheContext()
    {
        _server.Then((context, _) => AnswerAsync(context, "Hi, this is Pat about your bill."));
        ChatMessage[] history =
        [
            new(ChatRole.System, "You are Pat, from billing."),
            new(ChatRole.System, "Context for this conversation, to explain briefly at the start: an unpaid invoice."),
        ];

        var response = await Client().GetResponseAsync(history);

        Assert.Equal("Hi, this is Pat about your bill.", response.Text);
        var messages = Messages(Assert.Single(_server.Requests));
        Assert.Equal(
            [
                ("system", VoicePrompts.VoiceInstruction),
                ("system", "You are Pat, from billing."),
                ("system", "Context for this conversation, to explain briefly at the start: an unpaid invoice."),
                ("user", VoicePrompts.GreetingCue + VoicePrompts.ContextCue),
            ],
            messages);
    }

    [Fact]
    public async Task AUserTurnGetsNoGreetingCue()
    {
        _server.Then((context, _) => AnswerAsync(context, "Sure."));

        await Client().GetResponseAsync([new(ChatRole.System, "Be kind."), new(ChatRole.Assistant, "Hello!"), new(ChatRole.User, "Can you help?")]);

        var messages = Messages(Assert.Single(_server.Requests));
        Assert.Equal([("system", VoicePrompts.VoiceInstruction), ("system", "Be kind."), ("assistant", "Hello!"), ("user", "Can you help?")], messages);
    }

    private IChatClient Client(TimeSpan? stallTimeout = null)
    {
        _clients ??= new ConfiguredChatClients(
            new AgentModelOptions
            {
                Providers =
                [
                    new ChatProviderOptions
                    {
                        Name = "local",
                        Type = ChatProviderTypes.OpenAI,
                        BaseUrl = new Uri(_server.Root, "/v1").ToString(),
                        Models = [Model],
                        MaxRetries = 0,
                        StallTimeout = stallTimeout ?? Patience,
                    },
                ],
            },
            TimeProvider.System,
            NullLogger<ConfiguredChatClients>.Instance);
        return _clients.Create($"local/{Model}");
    }

    private static List<(string Role, string Text)> Messages(JsonObject request) =>
        [.. request["messages"]!.AsArray().Select(m => ((string)m!["role"]!, ContentText(m["content"])))];

    private static string ContentText(JsonNode? content) => content switch
    {
        JsonArray parts => string.Concat(parts.Select(p => (string?)p!["text"])),
        null => "",
        _ => (string)content!,
    };
}
