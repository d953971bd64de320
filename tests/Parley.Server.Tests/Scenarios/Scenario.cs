namespace Parley.Server.Tests.Scenarios;

/// <summary>A scripted conversation: an optional typed prompt the agent answers aloud, the user's timeline, and the expected outcome.</summary>
/// <param name="Name">A short unique name, used as the test case's name.</param>
/// <param name="Kind">What the scenario measures: endpoint, backchannel, noise, echo or barge-in.</param>
/// <param name="Prompt">Typed text that makes the agent speak; the timeline starts at the agent's first audio. Null: the timeline starts at once.</param>
/// <param name="Steps">What the microphone picks up, in order.</param>
/// <param name="Expected">The outcome the scenario asserts.</param>
public sealed record Scenario(string Name, string Kind, string? Prompt, IReadOnlyList<ScenarioStep> Steps, Expectation Expected)
{
    public override string ToString() => Name;
}
