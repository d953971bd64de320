using System.Globalization;

namespace Parley.Bench.Metrics;

/// <summary>Reads the histograms out of a Prometheus text-format scrape.</summary>
internal static class PrometheusText
{
    /// <summary>
    /// Every histogram family in <paramref name="text"/>, by its name without the <c>_bucket</c>/<c>_sum</c>/
    /// <c>_count</c> suffix. Series of one family with different labels (other than <c>le</c>) are added together.
    /// </summary>
    public static IReadOnlyDictionary<string, HistogramSnapshot> Histograms(string text)
    {
        var buckets = new Dictionary<string, SortedDictionary<double, double>>(StringComparer.Ordinal);
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#' || !TryParse(line, out var name, out var labels, out var value))
            {
                continue;
            }

            if (name.EndsWith("_bucket", StringComparison.Ordinal) && Label(labels, "le") is { } le)
            {
                var bound = le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture);
                var family = buckets.TryGetValue(name[..^7], out var existing) ? existing : buckets[name[..^7]] = [];
                family[bound] = family.GetValueOrDefault(bound) + value;
            }
            else if (name.EndsWith("_sum", StringComparison.Ordinal))
            {
                sums[name[..^4]] = sums.GetValueOrDefault(name[..^4]) + value;
            }
            else if (name.EndsWith("_count", StringComparison.Ordinal))
            {
                counts[name[..^6]] = counts.GetValueOrDefault(name[..^6]) + value;
            }
        }

        return buckets.ToDictionary(
            b => b.Key,
            b => new HistogramSnapshot([.. b.Value.Keys], [.. b.Value.Values], sums.GetValueOrDefault(b.Key), counts.GetValueOrDefault(b.Key)),
            StringComparer.Ordinal);
    }

    /// <summary>The histogram whose family is <paramref name="name"/>, with or without a unit suffix such as <c>_milliseconds</c>.</summary>
    public static HistogramSnapshot? Find(IReadOnlyDictionary<string, HistogramSnapshot> histograms, string name)
        => histograms.TryGetValue(name, out var exact) ? exact
            : histograms.FirstOrDefault(h => h.Key.StartsWith(name + "_", StringComparison.Ordinal)).Value;

    private static bool TryParse(string line, out string name, out string labels, out double value)
    {
        var brace = line.IndexOf('{', StringComparison.Ordinal);
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        labels = "";
        if (brace >= 0 && (space < 0 || brace < space))
        {
            var close = line.IndexOf('}', brace);
            name = line[..brace];
            labels = close > brace ? line[(brace + 1)..close] : "";
            space = close > 0 ? line.IndexOf(' ', close) : -1;
        }
        else
        {
            name = space > 0 ? line[..space] : line;
        }

        // "value [timestamp]"
        var rest = space > 0 ? line[(space + 1)..].Trim().Split(' ')[0] : "";
        return double.TryParse(rest, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static string? Label(string labels, string key)
    {
        var at = labels.IndexOf(key + "=\"", StringComparison.Ordinal);
        while (at > 0 && labels[at - 1] is not (',' or ' '))
        {
            at = labels.IndexOf(key + "=\"", at + 1, StringComparison.Ordinal);
        }

        if (at < 0)
        {
            return null;
        }

        var start = at + key.Length + 2;
        var end = labels.IndexOf('"', start);
        return end > start ? labels[start..end] : null;
    }
}
