using System.Globalization;
using System.Text.Json;
using Parley.Agents.Tools;

namespace Parley.Agents.Embedded;

/// <summary>
/// Reads tool arguments and results whatever shape they arrive in: CLR values when fresh from the pipeline,
/// <see cref="JsonElement"/>s or JSON strings when they come back from storage or a serialising client.
/// </summary>
internal static class ToolValues
{
    /// <summary>Reads a number.</summary>
    public static bool TryGetDouble(object? value, out double number)
    {
        switch (value)
        {
            case double d:
                number = d;
                return true;
            case IConvertible c when value is int or long or float or decimal or short or byte or uint or ulong or ushort or sbyte:
                number = c.ToDouble(CultureInfo.InvariantCulture);
                return true;
            case JsonElement { ValueKind: JsonValueKind.Number } e:
                return e.TryGetDouble(out number);
            case JsonElement { ValueKind: JsonValueKind.String } e:
                return double.TryParse(e.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number);
            case string s:
                return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
            default:
                number = 0;
                return false;
        }
    }

    /// <summary>Reads a string.</summary>
    public static string? GetString(object? value) => value switch
    {
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        null => null,
        _ => value.ToString(),
    };

    /// <summary>Reads the local time from a <c>get_current_time</c> result.</summary>
    public static bool TryGetLocalTime(object? result, out DateTimeOffset localTime)
    {
        localTime = default;
        if (result is CurrentTimeInfo info)
        {
            localTime = info.LocalTime;
            return true;
        }

        if (AsJson(result) is not { ValueKind: JsonValueKind.Object } json)
        {
            return false;
        }

        foreach (var property in json.EnumerateObject())
        {
            if (property.NameEquals("localTime") || string.Equals(property.Name, nameof(CurrentTimeInfo.LocalTime), StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.ValueKind == JsonValueKind.String && property.Value.TryGetDateTimeOffset(out localTime);
            }
        }

        return false;
    }

    /// <summary>Reads the passages of a <c>knowledge_search</c> result, typed or as JSON (<c>{"passages": [{"text", "source", "page"}]}</c>).</summary>
    public static bool TryGetPassages(object? result, out IReadOnlyList<KnowledgeSearchPassage> passages)
    {
        passages = [];
        if (result is KnowledgeSearchResult typed)
        {
            passages = typed.Passages;
            return true;
        }

        if (AsJson(result) is not { ValueKind: JsonValueKind.Object } json || Property(json, "passages") is not { ValueKind: JsonValueKind.Array } items)
        {
            return false;
        }

        var read = new List<KnowledgeSearchPassage>();
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object && Property(item, "text") is { ValueKind: JsonValueKind.String } text)
            {
                var source = Property(item, "source") is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;
                int? page = Property(item, "page") is { ValueKind: JsonValueKind.Number } p && p.TryGetInt32(out int n) ? n : null;
                read.Add(new KnowledgeSearchPassage(text.GetString()!, source ?? "", page));
            }
        }

        passages = read;
        return true;
    }

    /// <summary>Reads the sentence a task tool's result asks to be said (<c>{"say": ...}</c>), typed or as JSON.</summary>
    public static bool TryGetSay(object? result, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? say)
    {
        say = result is Orchestration.TaskToolResult typed ? typed.Say
            : AsJson(result) is { ValueKind: JsonValueKind.Object } json && Property(json, "say") is { ValueKind: JsonValueKind.String } text ? text.GetString()
            : null;
        return !string.IsNullOrWhiteSpace(say);
    }

    // Serialisers differ on case ("passages", "Passages"); the names themselves are the contract.
    private static JsonElement? Property(JsonElement json, string name)
    {
        foreach (var property in json.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static JsonElement? AsJson(object? value)
    {
        switch (value)
        {
            case JsonElement element:
                return element;
            case string text:
                try
                {
                    using var document = JsonDocument.Parse(text);
                    return document.RootElement.Clone();
                }
                catch (JsonException)
                {
                    return null; // e.g. "Error: Function failed."
                }

            default:
                return null;
        }
    }
}
