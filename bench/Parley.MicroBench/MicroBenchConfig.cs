using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters.Json;

namespace Parley.MicroBench;

/// <summary>The BenchmarkDotNet configuration: default jobs, audio and real-time-factor columns, Markdown, CSV and HTML results (the defaults) plus JSON.</summary>
public static class MicroBenchConfig
{
    /// <summary>Where results go unless <c>--artifacts</c> says otherwise: <c>artifacts/microbench</c> at the repository root.</summary>
    public static string DefaultArtifactsPath()
    {
        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Parley.slnx")))
            {
                return Path.Combine(directory.FullName, "artifacts", "microbench");
            }
        }

        return Path.Combine(Directory.GetCurrentDirectory(), "artifacts", "microbench");
    }

    /// <summary>Builds the configuration; command-line options (<c>--job</c>, <c>--filter</c>, <c>--artifacts</c>, ...) apply on top.</summary>
    public static IConfig Create() =>
        ManualConfig.Create(DefaultConfig.Instance)
            .WithArtifactsPath(DefaultArtifactsPath())
            .AddColumn(new AudioDurationColumn(), new RealTimeFactorColumn())
            .AddExporter(JsonExporter.Full);
}
