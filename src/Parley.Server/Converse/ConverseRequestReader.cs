using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Protocol.Payloads;
using Parley.Server.Api;

namespace Parley.Server.Converse;

/// <summary>Reads a converse body: 400 for a field of the wrong JSON type, 422 for values Parley cannot act on.</summary>
/// <remarks>Fields Parley has no use for (<c>chat_mode</c>, <c>agent_routing</c>, <c>text</c>, <c>reference_date</c>, ...) are ignored, as unknown fields are everywhere.</remarks>
internal static class ConverseRequestReader
{
    /// <summary>The longest prompt accepted.</summary>
    public const int MaxPromptChars = 32_000;

    private const int MaxIds = 64;

    // The agent fields a converse `config` may override; the rest of Datagrid's (mcp_servers inline, corpus, ...) are ignored.
    private static readonly HashSet<string> ConfigFields =
        ["system_prompt", "custom_prompt", "llm_model", "temperature", "tools", "disabled_tools", "knowledge_ids"];

    public static ConverseRequest Read(JsonElement body)
    {
        if (!body.TryGetProperty("prompt", out var prompt) || prompt.ValueKind == JsonValueKind.Null)
        {
            throw ApiException.Unprocessable("'prompt' is required: a string, or a list of user messages.");
        }

        var knowledge = new List<string>();
        var secrets = Strings(body, "secret_ids");
        var text = PromptText(prompt, knowledge, secrets);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw ApiException.Unprocessable("'prompt' holds no text.");
        }

        if (text.Length > MaxPromptChars)
        {
            throw ApiException.Unprocessable($"'prompt' is longer than {MaxPromptChars} characters.");
        }

        var config = body.TryGetProperty("config", out var c) && c.ValueKind != JsonValueKind.Null ? Config(c) : (JsonElement?)null;
        if (config is { } overrides && overrides.TryGetProperty("knowledge_ids", out var ids) && ids.ValueKind == JsonValueKind.Array)
        {
            knowledge.AddRange(ids.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.String).Select(i => i.GetString()!));
        }

        if (knowledge.Count > MaxIds || secrets.Count > MaxIds)
        {
            throw ApiException.Unprocessable($"A converse call may name at most {MaxIds} knowledge and {MaxIds} secrets.");
        }

        return new ConverseRequest
        {
            Prompt = text.Trim(),
            AgentId = Text(body, "agent_id"),
            ConversationId = Text(body, "conversation_id"),
            Stream = Flag(body, "stream") ?? false,
            Config = config,
            KnowledgeIds = [.. knowledge.Distinct(StringComparer.Ordinal)],
            SecretIds = [.. secrets.Distinct(StringComparer.Ordinal)],
            User = User(body),
            IncludeSteps = Flag(body, "include_steps") ?? true,
            GenerateCitations = Flag(body, "generate_citations") ?? true,
        };
    }

    // A string, or messages whose content is a string or a list of input items; text items are the words, knowledge
    // and secret items add what the agent may use.
    private static string PromptText(JsonElement prompt, List<string> knowledge, List<string> secrets)
    {
        if (prompt.ValueKind == JsonValueKind.String)
        {
            return prompt.GetString()!;
        }

        if (prompt.ValueKind != JsonValueKind.Array)
        {
            throw ApiException.BadRequest("'prompt' must be a string or a list of messages.");
        }

        var text = new StringBuilder();
        foreach (var message in prompt.EnumerateArray())
        {
            if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("content", out var content))
            {
                throw ApiException.BadRequest("Each message of 'prompt' must be an object with 'content'.");
            }

            if (message.TryGetProperty("role", out var role) && role.ValueKind == JsonValueKind.String && role.GetString() != "user")
            {
                throw ApiException.Unprocessable("The messages of 'prompt' must have the role 'user'.");
            }

            if (content.ValueKind == JsonValueKind.String)
            {
                Append(text, content.GetString()!);
                continue;
            }

            if (content.ValueKind != JsonValueKind.Array)
            {
                throw ApiException.BadRequest("A message's 'content' must be a string or a list of input items.");
            }

            foreach (var item in content.EnumerateArray())
            {
                var type = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                switch (type)
                {
                    case "input_text":
                        Append(text, Required(item, "text", type));
                        break;
                    case "input_knowledge":
                        knowledge.Add(Required(item, "knowledge_id", type));
                        break;
                    case "input_secret":
                        secrets.Add(Required(item, "secret_id", type));
                        break;
                    case "input_file" or "input_page":
                        throw ApiException.Unprocessable($"'{type}' items are not supported by this server; upload documents as knowledge and use 'input_knowledge'.");
                    default:
                        throw ApiException.BadRequest("Each input item needs a 'type': input_text, input_knowledge or input_secret.");
                }
            }
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, string piece)
    {
        if (text.Length > 0)
        {
            text.Append('\n');
        }

        text.Append(piece);
    }

    private static string Required(JsonElement item, string field, string? type)
        => item.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw ApiException.BadRequest($"An '{type}' item needs '{field}'.");

    private static JsonElement Config(JsonElement config)
    {
        if (config.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.BadRequest("'config' must be an object.");
        }

        var kept = new JsonObject();
        foreach (var property in config.EnumerateObject().Where(p => ConfigFields.Contains(p.Name)))
        {
            kept[property.Name] = JsonNode.Parse(property.Value.GetRawText());
        }

        using var document = JsonDocument.Parse(kept.ToJsonString());
        return document.RootElement.Clone();
    }

    private static UserInfo? User(JsonElement body)
    {
        if (!body.TryGetProperty("user", out var user) || user.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (user.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.BadRequest("'user' must be an object.");
        }

        return new UserInfo { Email = Text(user, "email"), FirstName = Text(user, "first_name"), LastName = Text(user, "last_name") };
    }

    private static string? Text(JsonElement body, string field)
    {
        if (!body.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw ApiException.BadRequest($"'{field}' must be a string or null.");
    }

    private static bool? Flag(JsonElement body, string field)
    {
        if (!body.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : throw ApiException.BadRequest($"'{field}' must be true, false or null.");
    }

    private static List<string> Strings(JsonElement body, string field)
    {
        if (!body.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw ApiException.BadRequest($"'{field}' must be a list of strings.");
        }

        return [.. value.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String ? item.GetString()! : throw ApiException.BadRequest($"Each of '{field}' must be a string."))];
    }
}
