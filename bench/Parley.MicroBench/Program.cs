using System.Globalization;
using BenchmarkDotNet.Running;
using Parley.MicroBench;
using Parley.MicroBench.Load;

if (args.Length > 0 && args[0] == "load")
{
    return await LoadCommand.RunAsync(args[1..]);
}

// Without a filter BenchmarkDotNet asks interactively which benchmarks to run; run them all instead.
var hasFilter = args.Any(arg => arg is "--filter" or "-f" || arg.StartsWith("--filter=", StringComparison.Ordinal));
var hasListOrInfo = args.Any(arg => arg is "--list" or "--info" or "--help" or "-h" or "--version");
string[] arguments = hasFilter || hasListOrInfo ? args : ["--filter", "*", .. args];

var summaries = BenchmarkSwitcher.FromAssembly(typeof(AudioClip).Assembly).Run(arguments, MicroBenchConfig.Create()).ToArray();

// The RTF column is in the tables; repeat it here so that it stands out in a long log.
foreach (var summary in summaries)
{
    foreach (var benchmarkCase in summary.BenchmarksCases)
    {
        if (RealTimeFactorColumn.Of(summary, benchmarkCase) is { } factor)
        {
            var audio = AudioDurationColumn.AudioOf(benchmarkCase)!.Value;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"RTF {factor:G3}  ({summary[benchmarkCase]!.ResultStatistics!.Mean / 1e6:F3} ms for {audio.TotalMilliseconds:F0} ms of audio)  {benchmarkCase.Descriptor.DisplayInfo}"));
        }
    }
}

return summaries.Any(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success)) ? 1 : 0;
