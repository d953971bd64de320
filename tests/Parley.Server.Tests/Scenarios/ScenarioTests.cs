using Parley.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Parley.Server.Tests.Scenarios;

/// <summary>Each scripted conversation, played against the real server, meets its expected outcome.</summary>
/// <remarks>Outcomes only: the timings depend on the machine's load and go in the report (<see cref="ScenarioReportTests"/>).</remarks>
[Collection(ScenarioCollection.Name)]
public sealed class ScenarioTests(ServerFixture server, ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(ScenarioCatalog.Asserted), MemberType = typeof(ScenarioCatalog))]
    public async Task Scenario_meets_its_expected_outcome(string name)
    {
        var scenario = ScenarioCatalog.Named(name);
        var result = await ScenarioRunner.RunAsync(server, scenario);
        output.WriteLine($"{name}: expected {scenario.Expected}; user turns [{string.Join(" | ", result.UserTurns)}], interrupted {result.Interrupted}, "
            + $"barge-in {Ms(result.BargeInLatency)}, end of speech to first audio {Ms(result.ResponseLatency)}");
        Assert.True(result.Passed, $"{name}: {result.Failure}");
        await server.WaitForNoSessionsAsync();
    }

    private static string Ms(TimeSpan? value) => value is { } v ? $"{v.TotalMilliseconds:F0} ms" : "-";
}
