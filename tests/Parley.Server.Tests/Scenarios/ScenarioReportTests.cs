using System.Globalization;
using Parley.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Parley.Server.Tests.Scenarios;

/// <summary>Runs every scenario several times and writes the turn-taking report; only when <c>PARLEY_SCENARIO_REPORT</c> names a path.</summary>
/// <remarks>
/// PARLEY_SCENARIO_REPORT=/tmp/turn-taking writes /tmp/turn-taking.md and /tmp/turn-taking.json;
/// PARLEY_SCENARIO_RUNS sets the runs per scenario (default 5); PARLEY_SCENARIO_ONLY=name,name runs only those. Without the variable the test is skipped (and says so), so CI stays fast.
/// </remarks>
[Collection(ScenarioCollection.Name)]
public sealed class ScenarioReportTests(ServerFixture server, ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Report_when_asked()
    {
        var path = Environment.GetEnvironmentVariable("PARLEY_SCENARIO_REPORT");
        Skip.If(string.IsNullOrEmpty(path), "Set PARLEY_SCENARIO_REPORT=path (and PARLEY_SCENARIO_RUNS) to run the scenarios and write the turn-taking report.");

        var runs = int.TryParse(Environment.GetEnvironmentVariable("PARLEY_SCENARIO_RUNS"), CultureInfo.InvariantCulture, out var n) ? n : 5;
        var only = (Environment.GetEnvironmentVariable("PARLEY_SCENARIO_ONLY") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var scenarios = ScenarioCatalog.All.Where(s => only.Length == 0 || only.Contains(s.Name)).ToList();
        var results = new List<ScenarioResult>();
        for (var run = 0; run < runs; run++)
        {
            foreach (var scenario in scenarios)
            {
                var result = await ScenarioRunner.RunAsync(server, scenario);
                output.WriteLine($"run {run + 1} {scenario.Name}: {result.Failure ?? "met"}");
                results.Add(result);
                await server.WaitForNoSessionsAsync();
            }
        }

        var report = new ScenarioReport(results, runs);
        await File.WriteAllTextAsync(path + ".md", report.ToMarkdown());
        await File.WriteAllTextAsync(path + ".json", report.ToJson());
        output.WriteLine(report.ToMarkdown());
    }
}
