using Microsoft.Extensions.AI;
using Parley.Agents.Embedded;
using Parley.Agents.Orchestration;
using Parley.Agents.Tools;

namespace Parley.Agents.Tests.Orchestration;

/// <summary>The embedded agent as an orchestrator: it hands work to the agent named or to one with the tools needed, and cancels and checks on tasks.</summary>
public sealed class EmbeddedDelegationTests
{
    private static readonly DelegateCandidate Researcher = new("Researcher", "Looks things up in the office handbook", [ToolNames.KnowledgeSearch], SearchesKnowledge: true);
    private static readonly DelegateCandidate Maths = new("Maths", "Works out sums", [ToolNames.Calculator], SearchesKnowledge: false);
    private static readonly DelegateCandidate Clerk = new("Clerk", "Handles orders", [], SearchesKnowledge: false);

    private readonly TaskToolsRecorder _tasks = new(Researcher, Maths, Clerk);

    [Theory]
    [InlineData("ask the researcher to find the opening hours", "Researcher", "find the opening hours")]
    [InlineData("ask maths what is twelve times seven", "Maths", "what is twelve times seven")]
    [InlineData("could you have maths work out two plus two", "Maths", "work out two plus two")]
    [InlineData("please ask the clerk to cancel my order", "Clerk", "cancel my order")]
    [InlineData("asked the researcher to look up the opening hours", "Researcher", "look up the opening hours")]
    public async Task A_request_naming_an_agent_is_handed_to_it(string heard, string agent, string task)
    {
        using var orchestrator = Create(_tasks.All);

        var response = await orchestrator.GetResponseAsync([new(ChatRole.User, heard)]);

        Assert.Equal([(TaskToolNames.DelegateTask, agent, task)], _tasks.Calls);
        Assert.Equal($"I've asked {agent} to do that. I'll tell you when it's done.", response.Text);
    }

    [Fact]
    public async Task Naming_an_agent_without_the_work_asks_what_it_should_do()
    {
        using var orchestrator = Create(_tasks.All);

        var response = await orchestrator.GetResponseAsync([new(ChatRole.User, "ask maths")]);

        Assert.Equal("What would you like me to ask Maths to do?", response.Text);
        Assert.Empty(_tasks.Calls);
    }

    [Theory]
    [InlineData("what is twelve times seven", "Maths")]
    [InlineData("what is the office wifi password", "Researcher")]
    [InlineData("what does the handbook say about parking", "Researcher")]
    public async Task Work_needing_a_tool_it_lacks_goes_to_an_agent_that_has_it(string heard, string agent)
    {
        using var orchestrator = Create(_tasks.All);

        var response = await orchestrator.GetResponseAsync([new(ChatRole.User, heard)]);

        Assert.Equal([(TaskToolNames.DelegateTask, agent, heard)], _tasks.Calls);
        Assert.StartsWith($"I've asked {agent}", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Work_it_has_the_tool_for_is_done_at_once_and_small_talk_stays_small_talk()
    {
        var time = FixedTimeProvider.Sample();
        using var orchestrator = Create([.. new BuiltInTools(time).All, .. _tasks.All]);

        Assert.Equal("Twelve times seven is eighty-four.", (await orchestrator.GetResponseAsync([new(ChatRole.User, "what is twelve times seven")])).Text);
        Assert.Equal("Hi there! How can I help?", (await orchestrator.GetResponseAsync([new(ChatRole.User, "hello")])).Text);
        Assert.Equal("Nice to meet you, Alice.", (await orchestrator.GetResponseAsync([new(ChatRole.User, "my name is alice")])).Text);
        Assert.Empty(_tasks.Calls);
    }

    [Theory]
    [InlineData("never mind cancel that")]
    [InlineData("nevermind that")]
    [InlineData("cancel the task")]
    [InlineData("call it off")]
    public async Task Cancelling_by_voice_cancels_the_task(string heard)
    {
        using var orchestrator = Create(_tasks.All);

        var response = await orchestrator.GetResponseAsync([new(ChatRole.User, heard)]);

        Assert.Equal([(TaskToolNames.CancelTask, null, null)], _tasks.Calls);
        Assert.Equal("Okay, I've cancelled the task I gave Maths.", response.Text);
    }

    [Theory]
    [InlineData("is my task done")]
    [InlineData("any news")]
    [InlineData("how is the task going")]
    public async Task Asking_after_a_task_checks_it(string heard)
    {
        using var orchestrator = Create(_tasks.All);

        var response = await orchestrator.GetResponseAsync([new(ChatRole.User, heard)]);

        Assert.Equal([(TaskToolNames.CheckTask, null, null)], _tasks.Calls);
        Assert.Equal("Maths is still working on it.", response.Text);
    }

    [Fact]
    public async Task Without_the_task_tools_the_same_words_mean_what_they_always_did()
    {
        var time = FixedTimeProvider.Sample();
        using var direct = Create([.. new BuiltInTools(time).All]);

        Assert.Equal(
            "Sorry, I didn't catch that. I can tell you the time or the date, or do some simple arithmetic.",
            (await direct.GetResponseAsync([new(ChatRole.User, "never mind cancel that")])).Text);
        Assert.Equal("Twelve times seven is eighty-four.", (await direct.GetResponseAsync([new(ChatRole.User, "ask maths what is twelve times seven")])).Text);
    }

    [Fact]
    public async Task A_task_tool_that_fails_is_owned_up_to()
    {
        Func<string?, string> fail = _ => throw new InvalidOperationException("storage down");
        var failing = AIFunctionFactory.Create(fail, new AIFunctionFactoryOptions { Name = TaskToolNames.CancelTask });
        using var orchestrator = Create(failing);

        var response = await orchestrator.GetResponseAsync([new(ChatRole.User, "cancel that")]);

        Assert.Equal("Sorry, I couldn't do that with the task just now.", response.Text);
    }

    private static AgentPipeline Create(params AITool[] tools)
    {
        var time = FixedTimeProvider.Sample();
        return AgentChatClientFactory.Create(new EmbeddedChatClient(time), tools, time);
    }
}
