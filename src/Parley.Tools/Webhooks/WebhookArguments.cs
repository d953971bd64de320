using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Parley.Tools.Webhooks;

/// <summary>A call's arguments as JSON, whichever form the chat client gave them in (JSON elements from a model, .NET values from the embedded agent).</summary>
internal static class WebhookArguments
{
    /// <summary>The arguments by name, in the order given.</summary>
    public static List<KeyValuePair<string, JsonNode?>> Read(AIFunctionArguments arguments)
        => [.. arguments.Select(a => KeyValuePair.Create(a.Key, ToNode(a.Value)))];

    /// <summary>A value as it goes in a URL: strings as they are, anything else as its JSON text.</summary>
    public static string Text(JsonNode node) => node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        JsonElement element => JsonNode.Parse(element.GetRawText()),
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        _ => JsonSerializer.SerializeToNode(value, value.GetType(), AIJsonUtilities.DefaultOptions),
    };
}
