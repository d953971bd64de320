using System.Text.Json;
using Parley.Agents.Tools;
using Parley.Server.Api;
using Parley.Storage.Agents;
using Parley.Tools.Outbound;

namespace Parley.Server.Agents;

/// <summary>Applies a create or update body to an agent: fields present change (null clears), fields absent stay.</summary>
/// <remarks>Wrong JSON types are 400 naming the field; values out of range or unknown tools are 422.</remarks>
internal static class AgentChanges
{
    private const int MaxNameChars = 200;
    private const int MaxPromptChars = 20_000;

    /// <remarks><paramref name="outbound"/> refuses, while the agent is saved, the webhook and MCP server URLs that could never be called.</remarks>
    public static (string Name, AgentSpec Spec) Apply(JsonElement body, string name, AgentSpec spec, IReadOnlyCollection<string> voices, OutboundAddressGuard outbound)
    {
        foreach (var property in body.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "name": name = Text(value, property.Name, MaxNameChars) ?? throw ApiException.Unprocessable("'name' cannot be null."); break;
                case "description": spec = spec with { Description = Text(value, property.Name, MaxPromptChars) }; break;
                case "emoji": spec = spec with { Emoji = Text(value, property.Name, 32) }; break;
                case "system_prompt": spec = spec with { SystemPrompt = Text(value, property.Name, MaxPromptChars) }; break;
                case "custom_prompt": spec = spec with { CustomPrompt = Text(value, property.Name, MaxPromptChars) }; break;
                case "planning_prompt": spec = spec with { PlanningPrompt = Text(value, property.Name, MaxPromptChars) }; break;
                case "llm_model": spec = spec with { LlmModel = Text(value, property.Name, MaxNameChars) }; break;
                case "agent_model": spec = spec with { AgentModel = Text(value, property.Name, MaxNameChars) }; break;
                case "voice_preset": spec = spec with { VoicePreset = Voice(value, voices) }; break;
                case "stt_model": spec = spec with { SttModel = Text(value, property.Name, MaxNameChars) }; break;
                case "temperature": spec = spec with { Temperature = Temperature(value) }; break;
                case "tools": spec = spec with { Tools = Tools(value, property.Name) }; break;
                case "disabled_tools": spec = spec with { DisabledTools = Tools(value, property.Name) }; break;
                case "knowledge_ids": spec = spec with { KnowledgeIds = Strings(value, property.Name) }; break;
                case "corpus": spec = spec with { Corpus = Objects(value, property.Name) }; break;
                case "mcp_servers": spec = spec with { McpServers = McpServerChanges.Read(value, outbound) }; break;
                case "webhooks": spec = spec with { Webhooks = WebhookChanges.Read(value, outbound) }; break;
                case "turn_taking": spec = spec with { TurnTaking = TurnTakingChanges.Read(value) }; break;
                case "recording": spec = spec with { Recording = Flag(value, property.Name) }; break;
                default: break; // Unknown fields are ignored, so newer clients keep working.
            }
        }

        return (name, spec);
    }

    private static string? Text(JsonElement value, string field, int maxChars)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw ApiException.BadRequest($"'{field}' must be a string or null.");
        }

        var text = value.GetString()!;
        return text.Length <= maxChars ? text : throw ApiException.Unprocessable($"'{field}' is longer than {maxChars} characters.");
    }

    private static string? Voice(JsonElement value, IReadOnlyCollection<string> voices)
    {
        var voice = Text(value, "voice_preset", MaxNameChars);
        return voice is null || voices.Count == 0 || voices.Contains(voice, StringComparer.OrdinalIgnoreCase)
            ? voice
            : throw ApiException.Unprocessable($"Unknown voice_preset '{voice}'; available: {string.Join(", ", voices)}.");
    }

    private static bool? Flag(JsonElement value, string field) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw ApiException.BadRequest($"'{field}' must be true, false or null."),
    };

    private static double? Temperature(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            throw ApiException.BadRequest("'temperature' must be a number or null.");
        }

        var temperature = value.GetDouble();
        return temperature is >= 0 and <= 2 ? temperature : throw ApiException.Unprocessable("'temperature' must be between 0 and 2.");
    }

    private static List<AgentToolRef>? Tools(JsonElement value, string field)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var tools = new List<AgentToolRef>();
        foreach (var item in Array(value, field).EnumerateArray())
        {
            var tool = item.ValueKind switch
            {
                JsonValueKind.String => new AgentToolRef(item.GetString()!),
                JsonValueKind.Object when item.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String =>
                    new AgentToolRef(n.GetString()!, item.TryGetProperty("connection_id", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null),
                _ => throw ApiException.BadRequest($"Each of '{field}' must be a tool name or an object with a 'name'."),
            };
            if (ToolCatalog.Find(tool.Name) is null)
            {
                throw ApiException.Unprocessable($"Unknown tool '{tool.Name}' in '{field}'; see GET /v1/tools.");
            }

            tools.Add(tool);
        }

        return tools;
    }

    private static List<string>? Strings(JsonElement value, string field)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return [.. Array(value, field).EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String
            ? item.GetString()!
            : throw ApiException.BadRequest($"Each of '{field}' must be a string."))];
    }

    private static List<JsonElement>? Objects(JsonElement value, string field)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return [.. Array(value, field).EnumerateArray().Select(item => item.ValueKind == JsonValueKind.Object
            ? item.Clone()
            : throw ApiException.BadRequest($"Each of '{field}' must be an object."))];
    }

    private static JsonElement Array(JsonElement value, string field)
        => value.ValueKind == JsonValueKind.Array ? value : throw ApiException.BadRequest($"'{field}' must be an array or null.");
}
