using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Parley.Tools.Mcp;

/// <summary>Reads an agent's <c>mcp_servers</c> item, stored as the client gave it, into an <see cref="McpServerEntry"/>.</summary>
/// <remarks>
/// Items are stored as given, so anything may be here: Datagrid's <c>{server_id, credential_id}</c> form, which names
/// a server Parley has no registry for, or a malformed object. Those are not errors of the session: they are skipped
/// with the reason, as a value.
/// </remarks>
internal static class McpServerEntryReader
{
    /// <summary>Reads <paramref name="item"/>, the <paramref name="index"/>th entry, or says why it cannot be attached.</summary>
    public static bool TryRead(JsonElement item, int index, [NotNullWhen(true)] out McpServerEntry? entry, out string problem)
    {
        entry = null;
        if (item.ValueKind != JsonValueKind.Object)
        {
            problem = "it is not a JSON object";
            return false;
        }

        if (!TryString(item, "url", out var url, out problem)
            || !TryString(item, "command", out var command, out problem)
            || !TryString(item, "name", out var name, out problem)
            || !TryStrings(item, "args", out var args, out problem)
            || !TryStrings(item, "tools", out var tools, out problem)
            || !TryMap(item, "headers", out var headers, out problem)
            || !TryMap(item, "env", out var env, out problem))
        {
            return false;
        }

        if ((url is null) == (command is null))
        {
            problem = url is null
                ? "it has no url or command (a server_id reference names no server Parley can reach)"
                : "it has both a url and a command";
            return false;
        }

        Uri? endpoint = null;
        if (url is not null
            && (!Uri.TryCreate(url, UriKind.Absolute, out endpoint) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)))
        {
            problem = "its url is not an absolute http or https URL";
            return false;
        }

        var fallbackName = endpoint?.Host ?? Path.GetFileNameWithoutExtension(command);
        entry = new McpServerEntry(
            McpToolNames.Sanitize(string.IsNullOrWhiteSpace(name) ? fallbackName : name, $"mcp{index}"),
            endpoint,
            headers,
            command,
            args ?? [],
            env,
            tools?.ToHashSet(StringComparer.Ordinal));
        problem = "";
        return true;
    }

    private static bool TryString(JsonElement item, string field, out string? value, out string problem)
    {
        value = null;
        problem = "";
        if (!item.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.String || element.GetString() is not { Length: > 0 } text)
        {
            problem = $"its {field} is not a non-empty string";
            return false;
        }

        value = text;
        return true;
    }

    private static bool TryStrings(JsonElement item, string field, out IReadOnlyList<string>? values, out string problem)
    {
        values = null;
        problem = "";
        if (!item.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Array || element.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            problem = $"its {field} is not an array of strings";
            return false;
        }

        values = [.. element.EnumerateArray().Select(e => e.GetString()!)];
        return true;
    }

    private static bool TryMap(JsonElement item, string field, out IReadOnlyDictionary<string, string> map, out string problem)
    {
        map = new Dictionary<string, string>(StringComparer.Ordinal);
        problem = "";
        if (!item.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Object || element.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.String))
        {
            problem = $"its {field} is not an object of strings";
            return false;
        }

        map = element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        return true;
    }
}
