using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Parley.Cli.Configuration;
using Parley.Client.Serialization;
using Spectre.Console;

namespace Parley.Cli.Common;

/// <summary>Prints results: JSON for machines (<c>--json</c>), tables and lines for people.</summary>
internal static class Output
{
    private static readonly JsonSerializerOptions Json = new()
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(ParleyJson.TypeInfoResolver, CliJsonContext.Default),
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    /// <summary>Writes <paramref name="value"/> as JSON on its own lines.</summary>
    public static void WriteJson<T>(CliContext context, T value)
        => context.Out.WriteLine(JsonSerializer.Serialize(value, (JsonTypeInfo<T>)Json.GetTypeInfo(typeof(T))));

    /// <summary>A table with the given columns, all cells escaped.</summary>
    public static Table Table(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            // Ids are copied from here into other commands: never break them across lines.
            var added = new TableColumn(Markup.Escape(column));
            table.AddColumn(column == "id" ? added.NoWrap() : added);
        }

        return table;
    }

    public static void AddEscapedRow(this Table table, params string?[] cells)
        => TableExtensions.AddRow(table, [.. cells.Select(c => Markup.Escape(c ?? string.Empty))]);

    public static string Time(DateTimeOffset time) => time.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Prints a label and a value on one line, the value escaped.</summary>
    public static void Line(CliContext context, string label, string? value, string color = "grey")
        => context.Console.MarkupLine($"[{color}]{Markup.Escape(label),-8}[/] {Markup.Escape(value ?? string.Empty)}");
}
