using System.Text.Json;
using Microsoft.Extensions.AI;
using Parley.Agents.Embedded;
using Parley.Agents.Tools;

namespace Parley.Agents.Tests.Embedded;

public sealed class EmbeddedChatClientTests
{
    private const string Welcome = "Hello! I'm Parley. How can I help?";
    private const string SystemPrompt = "You are Parley, a helpful voice assistant. Keep answers short.";

    private readonly EmbeddedChatClient _client = new(FixedTimeProvider.Sample());

    public static TheoryData<string, string> DirectAnswers => new()
    {
        { "hi there", "Hi there! How can I help?" },
        { "hello how are you", "I'm doing well, thanks for asking! How can I help?" },
        { "goodbye", "Goodbye! Talk to you soon." },
        { "thank you bye", "Goodbye! Talk to you soon." },
        { "thanks", "You're welcome! Anything else?" },
        { "what can you do", "I can tell you the time or the date, and do simple arithmetic, like twelve times seven. Just ask!" },
        { "what's the weather like in paris", "Sorry, I didn't catch that. I can tell you the time or the date, or do some simple arithmetic." },
        { "what is twelve times seven", "Twelve times seven is eighty-four." },
        { "ten divided by three", "Ten divided by three is about three point three three." },
        { "what is five divided by zero", "I can't divide by zero. Try another number." },
        { "nine squared", "Nine squared is eighty-one." },
        { "minus five plus three", "Minus five plus three is minus two." },
        { "one hundred and twenty three plus nine hundred thousand", "One hundred twenty-three plus nine hundred thousand is nine hundred thousand one hundred twenty-three." },
        { "two to the power of ten", "Two to the power of ten is one thousand twenty-four." },
        { "what's the time", "It's three forty-five in the afternoon." },
        { "what is the date today", "Today is Saturday, March fourteenth, twenty twenty-six." },
        { "what time is it in tokyo", "In Tokyo, it's ten forty-five at night." },
        { "what's the time and date", "It's three forty-five in the afternoon on Saturday, March fourteenth, twenty twenty-six." },
    };

    [Theory]
    [MemberData(nameof(DirectAnswers))]
    public async Task AnswersDirectlyWhenNoToolsAreOffered(string heard, string expected)
    {
        var response = await _client.GetResponseAsync([new(ChatRole.System, SystemPrompt), new(ChatRole.User, heard)]);

        Assert.Equal(expected, response.Text);
        Assert.DoesNotContain(response.Messages.SelectMany(m => m.Contents), c => c is FunctionCallContent);
    }

    [Fact]
    public async Task GreetsWhenNothingNewCameFromTheUser()
    {
        Assert.Equal(Welcome, (await _client.GetResponseAsync([])).Text);
        Assert.Equal(Welcome, (await _client.GetResponseAsync([new(ChatRole.System, SystemPrompt)])).Text);
        Assert.Equal(Welcome, (await _client.GetResponseAsync(
            [new(ChatRole.User, "hello"), new(ChatRole.Assistant, "Hi there! How can I help?")])).Text);
    }

    [Fact]
    public async Task IgnoresASystemMessageAfterTheUserTurn()
    {
        var response = await _client.GetResponseAsync([new(ChatRole.User, "hi there"), new(ChatRole.System, SystemPrompt)]);

        Assert.Equal("Hi there! How can I help?", response.Text);
    }

    [Fact]
    public async Task CallsTheCalculatorWhenItIsOffered()
    {
        var options = new ChatOptions { Tools = [.. new BuiltInTools(FixedTimeProvider.Sample()).All] };

        var response = await _client.GetResponseAsync([new(ChatRole.User, "what is twelve times seven")], options);

        var call = Assert.IsType<FunctionCallContent>(Assert.Single(Assert.Single(response.Messages).Contents));
        Assert.Equal("calculator", call.Name);
        Assert.Equal(12.0, call.Arguments!["a"]);
        Assert.Equal("multiply", call.Arguments["op"]);
        Assert.Equal(7.0, call.Arguments["b"]);
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
    }

    [Fact]
    public async Task OnlyCallsTheToolsThatAreOffered()
    {
        var tools = new BuiltInTools(FixedTimeProvider.Sample());
        var options = new ChatOptions { Tools = [tools.GetCurrentTimeFunction] };

        var sum = await _client.GetResponseAsync([new(ChatRole.User, "what is two plus two")], options);
        var time = await _client.GetResponseAsync([new(ChatRole.User, "what time is it")], options);

        Assert.Equal("Two plus two is four.", sum.Text);
        var call = Assert.IsType<FunctionCallContent>(Assert.Single(time.Messages.SelectMany(m => m.Contents)));
        Assert.Equal("get_current_time", call.Name);
        Assert.Empty(call.Arguments!);
    }

    [Fact]
    public async Task AnswersFromAToolResultInTheConversation()
    {
        var call = new FunctionCallContent("call_1", "get_current_time", new Dictionary<string, object?> { ["timeZone"] = "Asia/Tokyo" });
        // As a result might come back from storage: plain JSON.
        var result = JsonSerializer.SerializeToElement(new { timeZone = "Asia/Tokyo", localTime = "2026-03-14T22:45:00+09:00" });
        List<ChatMessage> messages =
        [
            new(ChatRole.User, "what time is it in tokyo"),
            new(ChatRole.Assistant, [call]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", result)]),
        ];

        var response = await _client.GetResponseAsync(messages, new ChatOptions { Tools = [.. new BuiltInTools(TimeProvider.System).All] });

        Assert.Equal("In Tokyo, it's ten forty-five at night.", response.Text);
    }

    [Fact]
    public async Task StreamsTheAnswerInSeveralUpdates()
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in _client.GetStreamingResponseAsync([new(ChatRole.User, "what is twelve times seven")]))
        {
            updates.Add(update);
        }

        Assert.True(updates.Count > 1, $"Expected several updates, got {updates.Count}.");
        Assert.Equal("Twelve times seven is eighty-four.", string.Concat(updates.Select(u => u.Text)));
        Assert.All(updates, u => Assert.Equal(ChatRole.Assistant, u.Role));
        Assert.Single(updates.Select(u => u.MessageId).Distinct());
        Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
    }

    [Fact]
    public async Task StopsStreamingWhenCancelled()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in _client.GetStreamingResponseAsync([new(ChatRole.User, "hello")], cancellationToken: cts.Token))
            {
            }
        });
    }

    [Fact]
    public void DescribesItself()
    {
        Assert.Same(_client, _client.GetService<EmbeddedChatClient>());
        Assert.Equal(EmbeddedChatClient.ModelId, _client.GetService<ChatClientMetadata>()?.DefaultModelId);
    }
}
