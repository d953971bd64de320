using Parley.Bench.Metrics;
using ScottPlot;

namespace Parley.Bench;

/// <summary>Draws the run's curves against N as PNG files: latency, the server's breakdown, CPU and memory per session.</summary>
internal static class BenchPlots
{
    private const int Width = 900;
    private const int Height = 540;

    /// <summary>Writes the plots into <paramref name="directory"/>; returns the files written.</summary>
    public static IReadOnlyList<string> Write(string directory, IReadOnlyList<StepResult> steps, int targetP95Ms)
    {
        if (steps.Count == 0)
        {
            return [];
        }

        var written = new List<string>();

        var latency = NewPlot("End of user speech → first agent audio at the client", "latency (ms)", steps);
        AddSeries(latency, steps, "p50", s => s.P50Ms);
        AddSeries(latency, steps, "p95", s => s.P95Ms);
        AddSeries(latency, steps, "p99", s => s.P99Ms);
        AddSeries(latency, steps, "barge-in p50 (onset → interrupted)", s => s.BargeInP50Ms);
        var target = latency.Add.HorizontalLine(targetP95Ms);
        target.LinePattern = LinePattern.Dashed;
        target.LegendText = $"p95 target {targetP95Ms} ms";
        written.Add(Save(latency, directory, "latency.png"));

        var breakdown = NewPlot("Server's own time per turn (means, from /metrics)", "mean (ms)", steps);
        foreach (var (metric, label) in ServerBreakdown.Stages)
        {
            AddSeries(breakdown, steps, label, s => s.Server?.Of(metric)?.MeanMs);
        }

        written.Add(Save(breakdown, directory, "breakdown.png"));

        var cpu = NewPlot("Server CPU per session", "% of one core", steps);
        AddSeries(cpu, steps, "CPU per session", s => s.ServerCpuPercentPerSession);
        AddSeries(cpu, steps, "whole server (% of one core)", s => s.ServerCores * 100);
        written.Add(Save(cpu, directory, "cpu.png"));

        var memory = NewPlot("Server memory", "MiB", steps);
        AddSeries(memory, steps, "RSS growth per session", s => s.RssMiBPerSession);
        AddSeries(memory, steps, "PSS growth per session", s => s.PssMiBPerSession);
        AddSeries(memory, steps, "RSS max (whole server)", s => s.ServerRssMiBMax);
        AddSeries(memory, steps, "PSS max (whole server)", s => s.ServerPssMiBMax);
        written.Add(Save(memory, directory, "memory.png"));
        return written;
    }

    // N doubles from step to step, so x is log2(N), labelled with N itself.
    private static Plot NewPlot(string title, string yLabel, IReadOnlyList<StepResult> steps)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel("concurrent callers (N)");
        plot.YLabel(yLabel);
        plot.Axes.Bottom.SetTicks([.. steps.Select(s => X(s.Callers))], [.. steps.Select(s => s.Callers.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static void AddSeries(Plot plot, IReadOnlyList<StepResult> steps, string label, Func<StepResult, double?> value)
    {
        var points = steps.Select(s => (X: X(s.Callers), Y: value(s))).Where(p => p.Y is not null).ToList();
        if (points.Count == 0)
        {
            return;
        }

        var scatter = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y!.Value).ToArray());
        scatter.LegendText = label;
        scatter.MarkerSize = 7;
    }

    private static string Save(Plot plot, string directory, string name)
    {
        plot.Axes.AutoScale();
        var path = Path.Combine(directory, name);
        plot.SavePng(path, Width, Height);
        return path;
    }

    private static double X(int callers) => Math.Log2(callers);
}
