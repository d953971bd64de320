using Microsoft.Extensions.AI;
using Parley.Agents.Providers;

namespace Parley.Agents.Tests.Providers;

public sealed class VoicePromptsTests
{
    [Fact]
    public void TheGreetingCueStaysBeforeTheToolRoundTripOfTheSameReply()
    {
        // The second round of a greeting that used a tool: function invocation appended the call and its result.
        ChatMessage[] messages =
        [
            new(ChatRole.System, "You are Pat."),
            new(ChatRole.Assistant, [new FunctionCallContent("call_1", "get_current_time")]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", "15:45")]),
        ];

        var prepared = VoicePrompts.Prepare(messages);

        Assert.Equal([ChatRole.System, ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.Tool], prepared.Select(m => m.Role));
        Assert.Equal(VoicePrompts.GreetingCue, prepared[2].Text);
    }

    [Fact]
    public void AToolRoundTripAfterAUserTurnGetsNoCue()
    {
        ChatMessage[] messages =
        [
            new(ChatRole.User, "What time is it?"),
            new(ChatRole.Assistant, [new FunctionCallContent("call_1", "get_current_time")]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", "15:45")]),
        ];

        var prepared = VoicePrompts.Prepare(messages);

        Assert.Equal([ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.Tool], prepared.Select(m => m.Role));
    }

    [Fact]
    public void AResumedConversationEndingWithTheAgentGetsACue()
    {
        var prepared = VoicePrompts.Prepare([new(ChatRole.User, "Hello"), new(ChatRole.Assistant, "Hi, how can I help?")]);

        Assert.Equal(ChatRole.User, prepared[^1].Role);
        Assert.Equal(VoicePrompts.GreetingCue, prepared[^1].Text);
    }
}
