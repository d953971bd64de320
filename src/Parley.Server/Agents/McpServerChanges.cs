using System.Text.Json;
using Parley.Server.Api;
using Parley.Tools.Outbound;

namespace Parley.Server.Agents;

/// <summary>Reads an agent's <c>mcp_servers</c>: each item is stored as given, once its <c>url</c> and <c>headers</c> pass the checks that need no connection.</summary>
/// <remarks>
/// A <c>url</c> must be http(s) without credentials, and may not name an internal address or a loopback name unless
/// the outbound allow-list names its host (the address it resolves to is checked again on every connection);
/// credential headers must refer to secrets. Items without a <c>url</c> (stdio commands, Datagrid's
/// <c>{server_id, credential_id}</c>) are kept as they are.
/// </remarks>
internal static class McpServerChanges
{
    /// <summary>The most MCP servers one agent may have: each session connects to all of them at once.</summary>
    public const int MaxPerAgent = 16;

    private const string Field = "mcp_servers";
    private const int MaxUrlChars = 2_048;

    public static List<JsonElement>? Read(JsonElement value, OutboundAddressGuard outbound)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw ApiException.BadRequest($"'{Field}' must be an array or null.");
        }

        if (value.GetArrayLength() > MaxPerAgent)
        {
            throw ApiException.Unprocessable($"An agent may have at most {MaxPerAgent} MCP servers.");
        }

        var servers = new List<JsonElement>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var path = $"{Field}[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw ApiException.BadRequest($"Each of '{Field}' must be an object.");
            }

            CheckUrl(item, path, outbound);
            _ = HeaderChanges.Read(item, path);
            servers.Add(item.Clone());
        }

        return servers;
    }

    private static void CheckUrl(JsonElement item, string path, OutboundAddressGuard outbound)
    {
        if (!item.TryGetProperty("url", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw ApiException.BadRequest($"'{path}.url' must be a string or null.");
        }

        var text = value.GetString()!;
        if (text.Length > MaxUrlChars)
        {
            throw ApiException.Unprocessable($"'{path}.url' is longer than {MaxUrlChars} characters.");
        }

        var problem = Uri.TryCreate(text, UriKind.Absolute, out var url) ? outbound.Problem(url) : "must be an absolute http or https URL";
        if (problem is not null)
        {
            throw ApiException.Unprocessable($"'{path}.url' {problem}.");
        }
    }
}
